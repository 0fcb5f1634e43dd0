using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class RetransmissionPolicyTests
{
    [Fact]
    public void Default_follows_RFC_8489_section_6_2_1()
    {
        var policy = RetransmissionPolicy.Default;

        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.InitialRto);
        Assert.Equal(7, policy.MaxTransmissions);
        Assert.Equal(16, policy.FinalWaitMultiplier);
        Assert.Equal(Milliseconds(0, 500, 1500, 3500, 7500, 15500, 31500), policy.TransmissionTimes());
        Assert.Equal(TimeSpan.FromSeconds(39.5), policy.TransactionTimeout);
    }

    [Fact]
    public void A_custom_policy_doubles_its_own_interval()
    {
        var policy = new RetransmissionPolicy(TimeSpan.FromMilliseconds(100), 3, 2);

        Assert.Equal(Milliseconds(0, 100, 300), policy.TransmissionTimes());
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.TransactionTimeout);
    }

    [Fact]
    public void A_single_transmission_waits_Rm_times_RTO()
    {
        var policy = new RetransmissionPolicy(TimeSpan.FromMilliseconds(250), 1, 4);

        Assert.Equal(Milliseconds(0), policy.TransmissionTimes());
        Assert.Equal(TimeSpan.FromSeconds(1), policy.TransactionTimeout);
    }

    [Theory]
    [InlineData(0, 7, 16)]
    [InlineData(-1, 7, 16)]
    [InlineData(60001, 7, 16)]
    [InlineData(500, 0, 16)]
    [InlineData(500, 21, 16)]
    [InlineData(500, 7, 0)]
    [InlineData(500, 7, 65)]
    public void Rejects_values_outside_what_the_RFC_allows(int rtoMs, int rc, int rm)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetransmissionPolicy(TimeSpan.FromMilliseconds(rtoMs), rc, rm));
    }

    private static TimeSpan[] Milliseconds(params int[] values) => values.Select(v => TimeSpan.FromMilliseconds(v)).ToArray();
}
