using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Transport.UdpClientHarness;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class StunUdpClientScheduleTests
{
    [Fact]
    public async Task Sends_at_the_RFC_times_and_times_out_at_39_5_seconds()
    {
        using var h = new UdpClientHarness();
        var times = RetransmissionPolicy.Default.TransmissionTimes();
        var transaction = h.Start(TimeSpan.FromMinutes(5));

        for (var i = 0; i < times.Count; i++)
        {
            if (i > 0)
            {
                h.StepTo(times[i], transaction);
            }

            await h.WaitForSends(i + 1, i + 1 < times.Count ? times[i + 1] : TimeSpan.FromSeconds(39.5));
        }

        Assert.Equal(times, h.Socket.Sent.Select(s => s.At));
        Assert.All(h.Socket.Sent, s =>
        {
            Assert.Equal(h.Request, s.Bytes);
            Assert.Equal(Server, s.Remote);
        });
        h.StepTo(TimeSpan.FromSeconds(39.5), transaction);
        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Contains("7 transmission(s)", ex.Message);
        Assert.Equal(7, h.Socket.SendCount);
        Assert.Equal(TimeSpan.FromSeconds(39.5), h.Clock.Elapsed);
        Assert.Equal(0, h.Client.Transactions.PendingCount);
    }

    [Fact]
    public async Task The_command_timeout_cuts_the_schedule_short()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(2));

        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        h.StepTo(TimeSpan.FromSeconds(0.5), transaction);
        await h.WaitForSends(2, TimeSpan.FromSeconds(1.5));
        h.StepTo(TimeSpan.FromSeconds(1.5), transaction);
        await h.WaitForSends(3, TimeSpan.FromSeconds(2));
        h.StepTo(TimeSpan.FromSeconds(2), transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Equal(new[] { 0, 0.5, 1.5 }.Select(s => TimeSpan.FromSeconds(s)), h.Socket.Sent.Select(s => s.At));
        Assert.Equal(TimeSpan.FromSeconds(2), h.Clock.Elapsed);
    }

    [Fact]
    public async Task A_timeout_shorter_than_the_first_RTO_allows_one_transmission()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromMilliseconds(300));

        await h.WaitForSends(1, TimeSpan.FromMilliseconds(300));
        h.StepTo(TimeSpan.FromMilliseconds(300), transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Equal(1, h.Socket.SendCount);
    }

    [Fact]
    public async Task A_custom_policy_sets_its_own_schedule()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromMinutes(1), new RetransmissionPolicy(TimeSpan.FromMilliseconds(100), 3, 2));

        await h.WaitForSends(1, TimeSpan.FromMilliseconds(100));
        h.StepTo(TimeSpan.FromMilliseconds(100), transaction);
        await h.WaitForSends(2, TimeSpan.FromMilliseconds(300));
        h.StepTo(TimeSpan.FromMilliseconds(300), transaction);
        await h.WaitForSends(3, TimeSpan.FromMilliseconds(500));
        h.StepTo(TimeSpan.FromMilliseconds(500), transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Equal(3, h.Socket.SendCount);
    }

    [Fact]
    public async Task A_response_after_the_second_retransmission_counts_three_transmissions_and_times_from_the_last()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromMinutes(1));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        h.StepTo(TimeSpan.FromSeconds(0.5), transaction);
        await h.WaitForSends(2, TimeSpan.FromSeconds(1.5));
        h.StepTo(TimeSpan.FromSeconds(1.5), transaction);
        await h.WaitForSends(3, TimeSpan.FromSeconds(3.5));

        Assert.Equal(0, h.Clock.AdvanceTo(TimeSpan.FromSeconds(1.7)));
        h.Socket.Inject(Response(h.Id), Server);

        var outcome = await Bounded(transaction);
        Assert.Equal(3, outcome.Transmissions);
        Assert.Equal(TimeSpan.FromMilliseconds(200), outcome.RoundTripTime);
        Assert.Equal(Server, outcome.Source);
        Assert.Equal(h.Id, outcome.Response.TransactionId);
        Assert.Equal(Mapped, outcome.Response.MappedEndPoint);
        Assert.Equal(0, h.Client.Transactions.PendingCount);
        Assert.Equal(0, h.Clock.PendingDelayCount);
    }

    [Fact]
    public async Task An_immediate_response_takes_one_transmission()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.Inject(Response(h.Id), Server);

        var outcome = await Bounded(transaction);
        Assert.Equal(1, outcome.Transmissions);
        Assert.Equal(TimeSpan.Zero, outcome.RoundTripTime);
    }

    [Theory]
    [InlineData(1000, new[] { 0.0, 0.5 })]
    [InlineData(1500, new[] { 0.0, 0.5 })]
    [InlineData(1501, new[] { 0.0, 0.5, 1.5 })]
    [InlineData(5000, new[] { 0.0, 0.5, 1.5, 3.5 })]
    public async Task Waits_that_end_early_neither_add_nor_advance_a_transmission(int timeoutMs, double[] expectedSends)
    {
        using var h = new UdpClientHarness(clientClock: clock => new EarlyClock(clock, TimeSpan.FromMilliseconds(1)));
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        var transaction = h.Start(timeout);

        await h.RunToEnd(transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Equal(expectedSends.Select(TimeSpan.FromSeconds), h.Socket.Sent.Select(s => s.At));
        Assert.Contains("after " + expectedSends.Length + " transmission(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(timeout, h.Clock.Elapsed);
        Assert.Equal(expectedSends.Length, h.Client.Transmissions);
    }

    [Fact]
    public async Task Nothing_is_sent_at_the_deadline_itself()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(0.5));

        await h.RunToEnd(transaction);

        await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(new[] { TimeSpan.Zero }, h.Socket.Sent.Select(s => s.At));
    }
}
