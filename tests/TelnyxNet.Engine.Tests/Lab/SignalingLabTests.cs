using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Integration.Signaling;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The signaling probe from the lab's client (10.0.0.2, behind the NAT) against a real Kestrel WSS
/// server on 203.0.113.12:443: direct, a 403 upgrade, an early close, a NAT that forgets idle
/// connections, and a server the NAT has no route to. Proxies and TLS inspection: <see cref="SignalingProxyLabTests"/>, <see cref="SignalingInspectionLabTests"/>.
/// </summary>
[Trait("Category", "Lab")]
public sealed class SignalingLabTests
{
    [Fact]
    public async Task Direct_WSS_succeeds_with_a_ping_round_trip_and_the_seconds_held()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);

        var result = await SignalingRun.OneAsync(servers.Client, servers.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal((SignalingLab.WssAddress, 443, SignalingLab.WssAddress), (result.Server, result.Port, result.RemoteAddress));
        Assert.Equal(2.0, result.HeldSeconds);
        Assert.True(result.PingRoundTripMs > 0, result.Message);
        Assert.Equal(1000, result.CloseCode);
        Assert.False(result.TlsIntercepted);
        Assert.Equal(servers.Pki.Authority.Subject, result.CertificateRoot);
    }

    [Fact]
    public async Task A_403_upgrade_is_UpgradeRejected_403_and_an_early_close_is_ClosedEarly()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);

        var forbidden = await SignalingRun.OneAsync(servers.Client, servers.Uri("/forbidden"));
        var early = await SignalingRun.OneAsync(servers.Client with { Hold = TimeSpan.FromSeconds(5) }, servers.Uri("/close/2000"));

        SignalingRun.Failed(forbidden, FailureReason.UpgradeRejected);
        Assert.Equal(403, forbidden.HttpStatusCode);
        SignalingRun.Failed(early, FailureReason.ClosedEarly);
        Assert.Equal(1000, early.CloseCode);
        Assert.InRange(early.HeldSeconds ?? 0, 1.9, 3.5);
    }

    [Fact]
    public async Task A_NAT_that_forgets_idle_connections_is_caught_by_the_Ping_after_the_silence()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        await servers.Lab.Nat.CheckedAsync("sysctl", new[] { "-qw", "net.netfilter.nf_conntrack_tcp_timeout_established=2", "net.netfilter.nf_conntrack_tcp_loose=0" }, TimeSpan.FromSeconds(10));
        await servers.Lab.NatIptablesAsync("-A", "FORWARD", "-m", "conntrack", "--ctstate", "INVALID", "-j", "DROP");

        var result = await SignalingRun.OneAsync(servers.Client with { Hold = TimeSpan.FromSeconds(5), PongTimeout = TimeSpan.FromSeconds(3) }, servers.Uri());

        SignalingRun.Failed(result, FailureReason.ClosedEarly);
        Assert.Equal(1, result.PingsAnswered);
        Assert.Contains("dropped the idle connection without closing it", result.Message, StringComparison.Ordinal);
        Assert.Contains("idle timeout", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_the_NAT_has_no_route_to_is_Unreachable_and_its_firewall_rule_Rejected()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        var rules = EndpointCatalog.Parse("[{\"Service\":\"Signaling\",\"Host\":\"" + NetworkLab.UnroutedAddress + "\",\"Port\":443,\"Protocol\":\"Wss\"}]", "unrouted.json");

        var result = await SignalingRun.OneAsync(servers.Client with { Timeout = TimeSpan.FromSeconds(10) }, "wss://" + NetworkLab.UnroutedAddress + "/");
        var rule = Assert.Single(await FirewallTest.RunAsync(new FirewallOptions { Rules = rules, NoProxy = true, Timeout = TimeSpan.FromSeconds(10), OpenStreamSocket = servers.Lab.OpenClientStreamSocket }, null, null, CancellationToken.None));

        SignalingRun.Failed(result, FailureReason.Unreachable);
        Assert.Contains("No route to", result.Remediation, StringComparison.Ordinal);
        Assert.Equal(("Rejected", "Unreachable"), (rule.Verdict, rule.FailureReason));
    }
}
