using System.Diagnostics;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// Firewalls in the NAT namespace (the FORWARD chain of its filter table) between the client and
/// coturn: a silent drop, ICMP and TCP rejects, UDP blocked with only TCP 443 open, one of two
/// servers blocked. The engine's counts are checked against the firewall's own packet counters.
/// </summary>
[Trait("Category", "Lab")]
public sealed class FirewallTests
{
    private const int ShortTimeout = 2;
    private const int LongTimeout = 10;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private static string Server => LabProbe.At(NetworkLab.ServerAddress, NetworkLab.StunPort);

    private static string AlternatePort => LabProbe.At(NetworkLab.ServerAddress, NetworkLab.AlternatePort);

    private static string AlternateServer => LabProbe.At(NetworkLab.AlternateServerAddress, NetworkLab.StunPort);

    [Fact]
    public async Task Times_out_with_retransmissions_while_another_port_answers_when_UDP_3478_is_dropped()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.PortDropped(LabProtocol.Udp, NetworkLab.StunPort));

        var run = await LabCli.StunAsync(lab, "--server", Server, "--timeout", ShortTimeout.ToString());
        var other = await LabProbe.UdpAsync(lab, AlternatePort, 1, TimeSpan.FromSeconds(LongTimeout));

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Timeout, run);
        Assert.Equal(1, result.Sent);
        Assert.True(result.Retransmissions >= 2, "RTO 500 ms sends at 0, 0.5 and 1.5 s within 2 s; " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(ShortTimeout) + Grace, run.ToString());
        Assert.Equal(1 + result.Retransmissions, await lab.PacketsMatchedAsync("FORWARD", 1));
        Assert.True(other.Outcome == ProbeStatus.Succeeded, other.Message);
    }

    [Fact]
    public async Task Reports_refused_within_a_second_while_another_port_answers_when_UDP_3478_is_rejected()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.PortRejected(LabProtocol.Udp, NetworkLab.StunPort));

        var watch = Stopwatch.StartNew();
        var refused = await LabProbe.UdpAsync(lab, Server, 1, TimeSpan.FromSeconds(LongTimeout));
        var elapsed = watch.Elapsed;
        var other = await LabProbe.UdpAsync(lab, AlternatePort, 1, TimeSpan.FromSeconds(LongTimeout));

        Assert.True(refused.Outcome == ProbeStatus.Failed && refused.Reason == FailureReason.Refused, refused.ToString() + ": " + refused.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), "Refused after " + elapsed.TotalMilliseconds + " ms");
        Assert.Equal(0, refused.Retransmissions);
        Assert.Equal(1, await lab.PacketsMatchedAsync("FORWARD", 1));
        Assert.True(other.Outcome == ProbeStatus.Succeeded, other.Message);
    }

    [Fact]
    public async Task Reports_refused_before_any_retransmission_from_the_CLI_when_UDP_3478_is_rejected()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.PortRejected(LabProtocol.Udp, NetworkLab.StunPort));

        var run = await LabCli.StunAsync(lab, "--server", Server, "--timeout", LongTimeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Refused, run);
        Assert.True(result.Retransmissions == 0, "The ICMP error must end the test before the first retransmission (0.5 s); " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(LongTimeout), run.ToString());
        Assert.Equal(1, await lab.PacketsMatchedAsync("FORWARD", 1));
    }

    [Fact]
    public async Task Times_out_over_UDP_and_TCP_3478_and_succeeds_over_TCP_443_when_UDP_is_blocked()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.UdpBlocked);

        var watch = Stopwatch.StartNew();
        var udp = await LabProbe.UdpAsync(lab, Server, 1, TimeSpan.FromSeconds(ShortTimeout));
        var udpElapsed = watch.Elapsed;
        var tcp3478 = await LabCli.StunAsync(lab, "--server", Server, "--transport", "tcp", "--timeout", ShortTimeout.ToString());
        var tcp443 = await LabCli.StunAsync(lab, "--server", LabProbe.At(NetworkLab.ServerAddress, NetworkLab.WebPort), "--transport", "tcp", "--timeout", LongTimeout.ToString());

        Assert.True(udp.Outcome == ProbeStatus.Failed && udp.Reason == FailureReason.Timeout, udp.ToString() + ": " + udp.Message);
        Assert.True(udpElapsed < TimeSpan.FromSeconds(ShortTimeout) + Grace, "UDP verdict after " + udpElapsed.TotalSeconds + " s");
        Assert.True(tcp3478.Process.ExitCode == 1, tcp3478.ToString());
        LabAssert.Failed(tcp3478.Single, FailureReason.Timeout, tcp3478);
        Assert.True(tcp443.Process.ExitCode == 0, tcp443.ToString());
        LabAssert.SucceededBehindNat(tcp443.Single, tcp443);
        Assert.True(await lab.PacketsMatchedAsync("FORWARD", 3) >= 1 + udp.Retransmissions, "the catch-all DROP has not seen every UDP transmission");
    }

    [Fact]
    public async Task Reports_refused_over_TCP_when_the_firewall_answers_with_a_TCP_reset()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.PortRejected(LabProtocol.Tcp, NetworkLab.StunPort));

        var run = await LabCli.StunAsync(lab, "--server", Server, "--transport", "tcp", "--timeout", LongTimeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        LabAssert.Failed(run.Single, FailureReason.Refused, run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(LongTimeout), run.ToString());
        Assert.True(await lab.PacketsMatchedAsync("FORWARD", 1) >= 1, "the reject rule has not seen the SYN");
    }

    [Fact]
    public async Task Reports_one_success_and_one_timeout_and_exits_0_when_one_of_two_servers_is_dropped()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);
        await lab.NatIptablesAsync("-A", "FORWARD", "-d", NetworkLab.AlternateServerAddress, "-p", "udp", "--dport", "3478", "-j", "DROP");

        var run = await LabCli.StunAsync(lab, "--server", Server, "--server", AlternateServer, "--timeout", ShortTimeout.ToString());

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.True(run.Results.Count == 2, run.ToString());
        Assert.Equal(NetworkLab.ServerAddress, run.Results[0].Server);
        LabAssert.SucceededBehindNat(run.Results[0], run);
        Assert.Equal(NetworkLab.AlternateServerAddress, run.Results[1].Server);
        LabAssert.Failed(run.Results[1], FailureReason.Timeout, run);
        Assert.Equal(1 + run.Results[1].Retransmissions, await lab.PacketsMatchedAsync("FORWARD", 1));
    }
}
