using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>
/// The whole readiness check on loopback from a catalog whose every row points at real servers:
/// Kestrel WSS for signaling, coturn for STUN and TURN over UDP, TCP and TLS (RFC 5780 on two
/// addresses), every row also as a firewall rule.
/// </summary>
[Collection(CoturnCollection.Name)]
public sealed class ConnectivityLoopbackTests : IClassFixture<LoopbackWssServers>
{
    private readonly CoturnFixture _coturn;
    private readonly LoopbackWssServers _wss;

    public ConnectivityLoopbackTests(CoturnFixture coturn, LoopbackWssServers wss)
    {
        _coturn = coturn;
        _wss = wss;
    }

    [Fact]
    public async Task Every_part_answers_and_the_verdict_is_Ready_with_every_rule_allowed()
    {
        var report = await ConnectivityRun.RunAsync(Options(Catalog()));

        Assert.True(report.Verdict == "Ready", ConnectivityRun.Describe(report));
        Assert.Empty(report.Reasons);
        Assert.True(report.SignalingConnected);
        Assert.Equal(string.Empty, report.SignalingProxy);
        Assert.Equal(0, report.FirewallRulesBlocked);
        Assert.All(report.Firewall.Where(r => r.Service != "Media"), r => Assert.Equal("Allowed", r.Verdict));
        Assert.Equal("Udp", report.RelayTransport);
        var media = report.Media!;
        Assert.True(media.Status == "Succeeded", media.Message);
        Assert.Equal(("127.0.0.1", _coturn.ListeningPort, "Udp"), (media.Server, media.Port, media.Transport));
        Assert.True(media.Deallocated == true, media.Message);
        Assert.Equal(("Good", media.EstimatedMos, media.LossPercent), (report.MediaQuality, report.EstimatedMos, report.LossPercent));
        Assert.StartsWith("Ready | ", report.Summary, StringComparison.Ordinal);
        Assert.Contains("media Good (MOS ", report.Summary, StringComparison.Ordinal);
        Assert.Contains("relay 127.0.0.1:" + _coturn.ListeningPort + " over Udp", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_too_short_for_the_stream_is_Inconclusive_and_says_to_raise_it()
    {
        var options = ConnectivityRun.Options(ConnectivityTargets.FromCatalog(TestCatalog.Parse(Catalog())), TimeSpan.FromSeconds(6), certificateValidation: _coturn.TrustTestCa, trust: _wss.PublicTestCa);

        var report = await ConnectivityRun.RunAsync(options);

        Assert.True(report.Verdict == "Inconclusive", ConnectivityRun.Describe(report));
        Assert.Null(report.Media);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal("evidence_missing", reason.Code);
        Assert.Contains("budget were left when the relay was found, and the 5 s stream needs about 10 s: raise -TimeoutSeconds or lower -MediaDurationSeconds.", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_WebSocket_that_opens_only_through_the_proxy_is_signaling_proxy_required()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var nowhere = ((IPEndPoint)closed.LocalEndPoint!).Port;
        using var proxy = new HostileStreamServer(HttpAnswers.Forwarding(_ => _wss.Tls.EndPoint));

        var report = await ConnectivityRun.RunAsync(Options(new[] { TestCatalog.Row("Signaling", "127.0.0.1", nowhere, "Wss") }, new Uri("http://127.0.0.1:" + proxy.EndPoint.Port + "/")));

        Assert.True(report.SignalingConnected, ConnectivityRun.Describe(report));
        Assert.Equal("http://127.0.0.1:" + proxy.EndPoint.Port, report.SignalingProxy);
        var warning = Assert.Single(report.Warnings, w => w.Code == "signaling_proxy_required");
        Assert.Contains("wss://127.0.0.1:" + nowhere + "/ opens through the proxy http://127.0.0.1:" + proxy.EndPoint.Port + " (Parameter), but straight to the server it fails (Refused)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reasons, r => r.Source == "signaling");
    }

    [Fact]
    public async Task A_blocked_signaling_port_is_signaling_blocked_once_though_its_firewall_rule_failed_too()
    {
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var rows = Catalog().Skip(1).Prepend(TestCatalog.Row("Signaling", "127.0.0.1", ((IPEndPoint)closed.LocalEndPoint!).Port, "Wss")).ToArray();

        var report = await ConnectivityRun.RunAsync(Options(rows));

        Assert.Equal("Blocked", report.Verdict);
        Assert.Equal("signaling_blocked", report.ReasonCodes);
        Assert.Equal(1, report.FirewallRulesBlocked);
        Assert.Equal("Rejected", report.Firewall[0].Verdict);
        Assert.False(report.SignalingConnected);
    }

    private string[] Catalog() => new[]
    {
        TestCatalog.Row("Signaling", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss"),
        TestCatalog.Row("Stun", "127.0.0.1", _coturn.ListeningPort, "Udp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Udp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Tcp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.TlsPort, "Tls", required: false),
        TestCatalog.MediaRow,
    };

    private ConnectivityOptions Options(string[] rows, Uri? proxy = null) =>
        ConnectivityRun.Options(ConnectivityTargets.FromCatalog(TestCatalog.Parse(rows)), TimeSpan.FromSeconds(20), certificateValidation: _coturn.TrustTestCa, trust: _wss.PublicTestCa, proxy: proxy);
}
