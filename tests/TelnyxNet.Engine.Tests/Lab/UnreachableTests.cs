using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A destination the NAT has no route for (198.51.100.1 exists nowhere in the lab): the NAT
/// answers with ICMP network unreachable, which must read as Unreachable, not as a silent
/// firewall (Timeout), over UDP and TCP.
/// </summary>
[Trait("Category", "Lab")]
public sealed class UnreachableTests
{
    private const int Timeout = 10;

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task Reports_unreachable_at_once_when_the_NAT_has_no_route_to_the_server(string transport)
    {
        await using var lab = await NetworkLab.StartAsync();

        var run = await LabCli.StunAsync(lab, "--server", LabProbe.At(NetworkLab.UnroutedAddress, NetworkLab.StunPort), "--transport", transport, "--timeout", Timeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Unreachable, run);
        Assert.True(result.Retransmissions == 0, "The ICMP error must end the test before the first retransmission (0.5 s); " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(Timeout), run.ToString());
    }
}
