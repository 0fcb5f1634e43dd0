using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// Firewall rules in the NAT namespace (the FORWARD chain of its filter table) between the client
/// and coturn: a silent drop, ICMP and TCP rejects, UDP blocked with TCP open, one of two servers
/// blocked. The engine's counts are checked against the firewall's own packet counters.
/// </summary>
[Collection(NetworkLabCollection.Name)]
public sealed class FirewallTests : IAsyncLifetime
{
    private const int ShortTimeout = 2;
    private const int LongTimeout = 10;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly NetworkLabFixture _lab;

    public FirewallTests(NetworkLabFixture lab) => _lab = lab;

    private static string Server => NetworkLabFixture.ServerAddress + ":" + NetworkLabFixture.StunPort;

    private static string AlternateServer => NetworkLabFixture.AlternateServerAddress + ":" + NetworkLabFixture.StunPort;

    public Task InitializeAsync() => _lab.ResetAsync();

    public Task DisposeAsync() => _lab.ResetAsync();

    [Fact]
    public async Task Times_out_with_retransmissions_when_the_firewall_drops_UDP_to_3478()
    {
        await _lab.NatRuleAsync("-A", "FORWARD", "-p", "udp", "--dport", "3478", "-j", "DROP");

        var run = await LabCli.StunAsync(_lab, "--server", Server, "--timeout", ShortTimeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Timeout, run);
        Assert.Equal(1, result.Sent);
        Assert.True(result.Retransmissions >= 2, "RTO 500 ms sends at 0, 0.5 and 1.5 s within 2 s; " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(ShortTimeout) + Grace, run.ToString());
        Assert.Equal(1 + result.Retransmissions, await _lab.PacketsMatchedAsync("FORWARD", 1));
    }

    [Fact]
    public async Task Reports_refused_before_any_retransmission_when_the_firewall_rejects_UDP_with_port_unreachable()
    {
        await _lab.NatRuleAsync("-A", "FORWARD", "-p", "udp", "--dport", "3478", "-j", "REJECT", "--reject-with", "icmp-port-unreachable");

        var run = await LabCli.StunAsync(_lab, "--server", Server, "--timeout", LongTimeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        var result = run.Single;
        LabAssert.Failed(result, FailureReason.Refused, run);
        Assert.True(result.Retransmissions == 0, "The ICMP error must end the test before the first retransmission (0.5 s); " + run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(LongTimeout), run.ToString());
        Assert.Equal(1, await _lab.PacketsMatchedAsync("FORWARD", 1));
    }

    [Fact]
    public async Task Times_out_over_UDP_and_succeeds_over_TCP_when_only_TCP_3478_is_open()
    {
        await _lab.NatRuleAsync("-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT");
        await _lab.NatRuleAsync("-A", "FORWARD", "-p", "tcp", "--dport", "3478", "-j", "ACCEPT");
        await _lab.NatRuleAsync("-A", "FORWARD", "-j", "DROP");

        var udp = await LabCli.StunAsync(_lab, "--server", Server, "--timeout", ShortTimeout.ToString());
        var tcp = await LabCli.StunAsync(_lab, "--server", Server, "--transport", "tcp", "--timeout", ShortTimeout.ToString());

        Assert.True(udp.Process.ExitCode == 1, udp.ToString());
        LabAssert.Failed(udp.Single, FailureReason.Timeout, udp);
        Assert.True(tcp.Process.ExitCode == 0, tcp.ToString());
        LabAssert.SucceededBehindNat(tcp.Single, tcp);
        Assert.Equal(1 + udp.Single.Retransmissions, await _lab.PacketsMatchedAsync("FORWARD", 3));
    }

    [Fact]
    public async Task Reports_refused_over_TCP_when_the_firewall_answers_with_a_TCP_reset()
    {
        await _lab.NatRuleAsync("-A", "FORWARD", "-p", "tcp", "--dport", "3478", "-j", "REJECT", "--reject-with", "tcp-reset");

        var run = await LabCli.StunAsync(_lab, "--server", Server, "--transport", "tcp", "--timeout", LongTimeout.ToString());

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        LabAssert.Failed(run.Single, FailureReason.Refused, run);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(LongTimeout), run.ToString());
        Assert.True(await _lab.PacketsMatchedAsync("FORWARD", 1) >= 1, "the reject rule has not seen the SYN");
    }

    [Fact]
    public async Task Reports_one_success_and_one_timeout_and_exits_0_when_one_of_two_servers_is_dropped()
    {
        await _lab.NatRuleAsync("-A", "FORWARD", "-d", NetworkLabFixture.AlternateServerAddress, "-p", "udp", "--dport", "3478", "-j", "DROP");

        var run = await LabCli.StunAsync(_lab, "--server", Server, "--server", AlternateServer, "--timeout", ShortTimeout.ToString());

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.True(run.Results.Count == 2, run.ToString());
        Assert.Equal(NetworkLabFixture.ServerAddress, run.Results[0].Server);
        LabAssert.SucceededBehindNat(run.Results[0], run);
        Assert.Equal(NetworkLabFixture.AlternateServerAddress, run.Results[1].Server);
        LabAssert.Failed(run.Results[1], FailureReason.Timeout, run);
        Assert.Equal(1 + run.Results[1].Retransmissions, await _lab.PacketsMatchedAsync("FORWARD", 1));
    }
}
