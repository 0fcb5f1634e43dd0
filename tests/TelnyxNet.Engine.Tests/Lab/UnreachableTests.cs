using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A destination the NAT has no route for (198.51.100.1 exists nowhere in the lab): the NAT
/// answers with ICMP network unreachable, which must read as Unreachable, not as a silent
/// firewall (Timeout), over UDP and TCP.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class UnreachableTests : IAsyncLifetime
{
    private const int Timeout = 10;
    private readonly NetworkLabFixture _lab;

    public UnreachableTests(NetworkLabFixture lab) => _lab = lab;

    public Task InitializeAsync() => _lab.ResetAsync();

    public Task DisposeAsync() => _lab.ResetAsync();

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Reports_unreachable_at_once_when_the_NAT_has_no_route_to_the_server(string transport)
    {
        var run = await LabCli.StunAsync(_lab, "--server", NetworkLabFixture.UnroutedAddress + ":" + NetworkLabFixture.StunPort, "--transport", transport, "--timeout", Timeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Unreachable, run);
        Assert.True(result.Retransmissions == 0, "The ICMP error must end the test before the first retransmission (0.5 s); " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(Timeout), run.ToString());
    }
}
