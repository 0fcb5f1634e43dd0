using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Tests.Lab.Sip;
using TelnyxNet.Engine.Tests.Readiness;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The readiness check's proof in the lab (issue 12 §4), each verdict in this process and as the
/// telnyxnet process in the client namespace (its exit code and summary line are the Intune
/// contract): all open is Ready; UDP blocked with TCP 443 open is Degraded with ice_turn_required
/// and the UDP rules Blocked; everything dropped is Blocked; signaling dropped alone is Blocked with
/// signaling_blocked; a resolver that answers nothing is the one dns_failure. How long each takes
/// is measured in bench/ (check), not asserted here.
/// </summary>
[Trait("Category", "Lab")]
public sealed class ConnectivityLabTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task All_open_with_SIP_is_Ready()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.EndpointIndependentNat, sip: true);

        var report = await lab.RunAsync(Budget);
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Ready", ConnectivityRun.Describe(report));
        Assert.Empty(report.Reasons);
        Assert.True(report.SignalingConnected);
        Assert.True(report.SipReachable);
        Assert.Equal((NetworkLab.NatPublicAddress, "EndpointIndependent", "Udp"), (report.PublicAddress, report.NatMapping, report.RelayTransport));
        Assert.Equal(0, report.FirewallRulesBlocked);
        Assert.All(report.Firewall.Where(r => r.Service != "Media"), r => Assert.True(r.Verdict == "Allowed", r.Rule + ": " + r.Evidence));
        Assert.Equal(("Good", "Udp", "LocalUdp"), (report.MediaQuality, report.Media!.Transport, report.Media.Peer));
        Assert.Equal(0, report.LossPercent);
        Assert.True(cli.Process.ExitCode == 0, cli.ToString());
        Assert.Equal("Ready", cli.Verdict);
        Assert.StartsWith("Ready | ", cli.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UDP_blocked_with_TCP_443_open_is_Degraded_ice_turn_required_with_the_UDP_rules_Blocked()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.UdpBlocked);

        var report = await lab.RunAsync(Budget);
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Degraded", ConnectivityRun.Describe(report));
        Assert.Equal("ice_turn_required", report.ReasonCodes);
        Assert.Contains(report.Warnings, w => w.Code == "ice_udp_blocked" && w.Message.StartsWith("Consequence of ice_turn_required", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Code == "firewall_udp_blocked");
        Assert.All(report.Firewall.Where(r => r.Transport == "Udp" && r.Service != "Media"), r => Assert.Equal("Blocked", r.Verdict));
        Assert.All(report.Firewall.Where(r => r.Transport != "Udp"), r => Assert.Equal("Allowed", r.Verdict));
        Assert.False(report.UdpOpen);
        Assert.True(report.SignalingConnected);
        Assert.Contains(report.RelayTransport, new[] { "Tcp", "Tls" });
        Assert.Equal((report.RelayTransport, "SecondAllocation", "Succeeded"), (report.Media!.Transport, report.Media.Peer, report.Media.Status));
        Assert.True(cli.Process.ExitCode == 3, cli.ToString());
        Assert.StartsWith("Degraded: ice_turn_required | ", cli.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_dropped_is_Blocked_with_one_reason_per_path()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.EndpointIndependentNat);
        await lab.Lab.NatIptablesAsync("-I", "FORWARD", "1", "-i", "v-nat-in", "-j", "DROP");

        var report = await lab.RunAsync(Budget);
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Blocked", ConnectivityRun.Describe(report));
        Assert.Equal("signaling_blocked, ice_only_host_candidates", report.ReasonCodes);
        Assert.All(report.Firewall.Where(r => r.Service != "Media"), r => Assert.Equal(("Blocked", "Timeout"), (r.Verdict, r.FailureReason)));
        Assert.DoesNotContain(report.Reasons, r => r.Source == "firewall");
        Assert.True(cli.Process.ExitCode == 1, cli.ToString());
        Assert.StartsWith("Blocked: signaling_blocked, ice_only_host_candidates | ", cli.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signaling_dropped_alone_is_Blocked_with_signaling_blocked_and_nothing_else()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.EndpointIndependentNat);
        await lab.Lab.NatIptablesAsync("-I", "FORWARD", "1", "-i", "v-nat-in", "-d", SignalingLab.WssAddress, "-p", "tcp", "--dport", "443", "-j", "DROP");

        var report = await lab.RunAsync(Budget);
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Blocked", ConnectivityRun.Describe(report));
        Assert.Equal("signaling_blocked", report.ReasonCodes);
        Assert.Equal("Timeout", Assert.Single(report.Signaling).FailureReason);
        Assert.Equal("Blocked", report.Firewall[0].Verdict);
        Assert.Equal(1, report.FirewallRulesBlocked);
        Assert.Equal("Udp", report.RelayTransport);
        Assert.True(cli.Process.ExitCode == 1, cli.ToString());
        Assert.StartsWith("Blocked: signaling_blocked | ", cli.SummaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolver_that_answers_nothing_is_the_one_dns_failure_not_a_wall_of_timeouts()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.EndpointIndependentNat, byName: true);
        foreach (var protocol in new[] { "udp", "tcp" })
        {
            await lab.Lab.NatIptablesAsync("-A", "FORWARD", "-d", SipLab.SilentDnsAddress.ToString(), "-p", protocol, "--dport", "53", "-j", "DROP");
        }

        using var resolvConf = LabResolvConf.Write(lab.Lab.Client, new[] { SipLab.SilentDnsAddress });
        var report = await lab.RunAsync(Budget, new SilentResolver());
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Blocked", ConnectivityRun.Describe(report));
        var reason = Assert.Single(report.Reasons);
        Assert.Equal("dns_failure", reason.Code);
        Assert.Equal(string.Join(", ", ConnectivityLab.SignalingName, ConnectivityLab.StunName, ConnectivityLab.AlternateStunName, ConnectivityLab.TurnName, ConnectivityLab.TurnTlsName), reason.Subject);
        Assert.True(cli.Process.ExitCode == 1, cli.ToString());
        Assert.Equal(new[] { "dns_failure" }, cli.ReasonCodes);
        Assert.StartsWith("Blocked: dns_failure | ", cli.SummaryLine, StringComparison.Ordinal);
        Assert.Contains(SipLab.SilentDnsAddress.ToString(), cli.Report.GetProperty("reasons")[0].GetProperty("remediation").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A resolver that never gets an answer, as the system's does when its DNS server is silent (EAI_AGAIN).</summary>
    private sealed class SilentResolver : IHostResolver
    {
        public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            throw new SocketException((int)SocketError.TryAgain);
        }
    }
}

/// <summary>
/// Issue 12 §4's impaired path, on its own (its figures are timings): datagrams towards the
/// servers held 200 ms ± 40 ms and 3 % lost by the lab's relay: the media path through the UDP
/// relay gives the SDK's network codes, and they alone degrade the verdict.
/// </summary>
[Trait("Category", "Lab")]
[Collection(LabTimingCollection.Name)]
public sealed class ConnectivityImpairedLabTests
{
    [Fact]
    public async Task Impaired_200_ms_40_ms_3_percent_is_Degraded_with_the_SDKs_network_codes()
    {
        await using var lab = await ConnectivityLab.StartAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(40), 0.03));

        var report = await lab.RunAsync(TimeSpan.FromSeconds(30));
        var cli = await lab.CliAsync("--timeout", "30");

        Assert.True(report.Verdict == "Degraded", ConnectivityRun.Describe(report));
        Assert.Equal(("Udp", "Fair"), (report.Media!.Transport, report.MediaQuality));
        Assert.Contains("network_packet_loss", report.ReasonCodes, StringComparison.Ordinal);
        Assert.All(report.Reasons, r => Assert.Equal(("network", "Degraded"), (r.Source, r.Effect)));
        Assert.Equal(report.JitterMs >= 30, report.ReasonCodes.Contains("network_high_jitter", StringComparison.Ordinal));
        Assert.DoesNotContain("network_high_rtt", report.ReasonCodes, StringComparison.Ordinal);
        Assert.Contains(report.Warnings, w => w.Code == "network_fair_quality");
        Assert.InRange(report.LossPercent!.Value, 2, 5);
        Assert.True(cli.Process.ExitCode == 3, cli.ToString());
        Assert.Contains("network_packet_loss", cli.ReasonCodes);
        Assert.StartsWith("Degraded: network_", cli.SummaryLine, StringComparison.Ordinal);
    }
}
