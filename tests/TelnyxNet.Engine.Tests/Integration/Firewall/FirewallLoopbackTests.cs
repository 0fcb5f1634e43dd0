using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration.Firewall;

/// <summary>
/// Test-TelnyxFirewall's engine driven by a catalog of loopback rows: real coturn (STUN and TURN over
/// UDP, TCP and TLS) and a real Kestrel WSS server answer; closed ports reject; a bound UDP socket
/// that never answers drops; a SIP row to a closed port rejects (SIP OPTIONS proves SIP rules: see
/// <see cref="FirewallSipTests"/> for kamailio); the media range is not testable and says what would prove it.
/// </summary>
[Collection(CoturnCollection.Name)]
public sealed class FirewallLoopbackTests : IClassFixture<LoopbackWssServers>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly CoturnFixture _coturn;
    private readonly LoopbackWssServers _wss;

    public FirewallLoopbackTests(CoturnFixture coturn, LoopbackWssServers wss)
    {
        _coturn = coturn;
        _wss = wss;
    }

    [Fact]
    public async Task Reports_each_rule_as_the_loopback_servers_and_ports_make_it()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedUdp = FreePorts.Closed();
        var closedTcp = FreePorts.Closed();
        var closedSip = FreePorts.Closed();
        var rules = EndpointCatalog.Parse(
            "[" + string.Join(",\n", new[]
            {
                Row("Signaling", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss", true),
                Row("Stun", "127.0.0.1", _coturn.ListeningPort, "Udp", true),
                Row("Stun", "127.0.0.1", closedUdp, "Udp", false),
                Row("Stun", "127.0.0.1", ((IPEndPoint)silent.LocalEndPoint!).Port, "Udp", false),
                Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Udp", true),
                Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Tcp", false),
                Row("Turn", "127.0.0.1", _coturn.TlsPort, "Tls", false),
                Row("Turn", "127.0.0.1", closedTcp, "Tcp", false),
                Row("Sip", "127.0.0.1", closedSip, "Udp", false),
                Row("Sip", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss", false),
                Row("Signaling", "rtc.example", 443, "Wss", false),
                "{\"Service\":\"Media\",\"Host\":\"*\",\"PortRange\":\"16384-32768\",\"Protocol\":\"Udp\",\"Direction\":\"Bidirectional\",\"Required\":false}",
            }) + "]",
            "loopback.json");
        var watch = Stopwatch.StartNew();

        var results = await FirewallTest.RunAsync(Options(rules), new CollectingLog(), null, CancellationToken.None);

        Assert.True(watch.Elapsed < Timeout + Grace, "every rule runs at once within the bound; took " + watch.Elapsed);
        Assert.Equal(rules.Select(r => r.Rule), results.Select(r => r.Rule));
        Assert.Equal(
            new[] { "Allowed", "Allowed", "Rejected", "Blocked", "Allowed", "Allowed", "Allowed", "Rejected", "Rejected", "Failed", "DnsFailure", "NotTestable" },
            results.Select(r => r.Verdict));
        Assert.Equal(
            new[] { "Succeeded", "Succeeded", "Failed", "Failed", "Succeeded", "Succeeded", "Succeeded", "Failed", "Failed", "Failed", "Failed", "Skipped" },
            results.Select(r => r.Status));
        Assert.Equal(new[] { "None", "None", "Refused", "Timeout", "None", "None", "None", "Refused", "Refused", "ProtocolError", "DnsFailure", "None" }, results.Select(r => r.FailureReason));

        Assert.Equal("WebSocket upgrade (WSS)", results[0].Probe);
        Assert.StartsWith("WebSocket opened in ", results[0].Evidence, StringComparison.Ordinal);
        Assert.NotNull(results[0].ResponseTimeMs);
        Assert.Equal("STUN Binding", results[1].Probe);
        Assert.StartsWith("STUN Binding answered in ", results[1].Evidence, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", results[1].RemoteAddress);
        Assert.Equal("Allow outbound UDP " + closedUdp + " to 127.0.0.1 (a firewall rejects it now).", results[2].Remediation);
        Assert.Equal("Blocked: UDP " + ((IPEndPoint)silent.LocalEndPoint!).Port + " to 127.0.0.1 is silently dropped.", results[3].Message);
        Assert.StartsWith("Allow outbound UDP ", results[3].Remediation, StringComparison.Ordinal);
        Assert.Equal("TURN Allocate", results[4].Probe);
        Assert.Contains("challenge for realm 'test.local': it is reachable", results[4].Evidence, StringComparison.Ordinal);
        Assert.Contains("realm 'test.local'", results[6].Evidence, StringComparison.Ordinal);
        Assert.Equal("SIP OPTIONS", results[8].Probe);
        Assert.Contains("refused", results[8].Evidence, StringComparison.Ordinal);
        Assert.Equal("Allow outbound UDP " + closedSip + " to 127.0.0.1 (a firewall rejects it now).", results[8].Remediation);
        Assert.Contains("did not accept the subprotocol 'sip'", results[9].Evidence, StringComparison.Ordinal);
        Assert.StartsWith("Let this machine resolve rtc.example", results[10].Remediation, StringComparison.Ordinal);
        Assert.Equal((16384, "16384-32768", "Bidirectional"), (results[11].Port, results[11].PortRange, results[11].Direction));
        Assert.Contains("a working TURN rule over UDP", results[11].Evidence, StringComparison.Ordinal);
        Assert.All(results.Where(r => r.Verdict == "Allowed"), r => Assert.Equal(string.Empty, r.Remediation));
        Assert.True(FirewallTest.Passed(results), "every required rule is allowed");

        var findings = FindingCodes.FromFirewall(results);
        Assert.DoesNotContain(findings, f => f.Code == "firewall_rule_blocked");
        Assert.Equal(6, findings.Count(f => f.Code == "firewall_optional_rule_blocked"));
        Assert.Equal(new[] { "Media" }, findings.Where(f => f.Code == "firewall_rule_not_testable").Select(f => f.Subject));
    }

    [Fact]
    public async Task A_required_rule_that_is_not_allowed_fails_the_test_and_is_a_blocking_finding()
    {
        var closed = FreePorts.Closed();
        var rules = EndpointCatalog.Parse("[" + Row("Turn", "127.0.0.1", closed, "Udp", true) + "," + Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Tcp", false) + "]", "required.json");

        var results = await FirewallTest.RunAsync(Options(rules), null, null, CancellationToken.None);

        Assert.Equal(new[] { "Rejected", "Allowed" }, results.Select(r => r.Verdict));
        Assert.False(FirewallTest.Passed(results));
        Assert.Contains("calls still connect through TURN over TCP 443", results[0].Remediation, StringComparison.Ordinal);
        var findings = FindingCodes.FromFirewall(results);
        Assert.Equal("firewall_rule_blocked", Assert.Single(findings, f => f.Code == "firewall_rule_blocked").Code);
        Assert.Single(findings, f => f.Code == "firewall_udp_blocked");
        Assert.Equal("Blocked", findings[0].Effect);
    }

    [Fact]
    public async Task A_credential_that_works_proves_the_TURN_rule_with_a_relay_that_is_deleted_again()
    {
        var rules = EndpointCatalog.Parse("[" + Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Udp", true) + "]", "turn.json");
        var options = Options(rules);

        var results = await FirewallTest.RunAsync(
            new FirewallOptions { Rules = options.Rules, Timeout = options.Timeout, TurnCredential = Engine.Turn.TurnCredential.FromPassword(CoturnFixture.Username, Secrets.Secure(CoturnFixture.Password)) },
            null,
            null,
            CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal("Allowed", result.Verdict);
        Assert.Contains("granted a relay", result.Evidence, StringComparison.Ordinal);
        Assert.Contains("deleted again", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_progress_as_each_rule_finishes()
    {
        var progress = new CollectingProgress();
        var rules = EndpointCatalog.Parse("[" + Row("Stun", "127.0.0.1", _coturn.ListeningPort, "Udp", true) + "," + Row("Stun", "127.0.0.1", _coturn.ListeningPort, "Tcp", true) + "]", "progress.json");

        await FirewallTest.RunAsync(Options(rules), null, progress, CancellationToken.None);

        Assert.Equal(new[] { 0, 50, 100, 100 }, progress.Reports.Select(r => r.PercentComplete));
        Assert.True(progress.Reports[3].Completed);
    }

    [Fact]
    public async Task A_WSS_rule_stopped_by_a_proxy_is_Blocked_with_the_proxy_request()
    {
        using var proxy = new HostileStreamServer(StreamBehaviours.Answer(StreamBehaviours.Head, HttpAnswers.Text("HTTP/1.1 403 Forbidden\r\nVia: 1.1 corp-proxy\r\n\r\n")));
        var rules = EndpointCatalog.Parse("[" + Row("Signaling", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss", true) + "]", "proxied.json");
        var options = Options(rules);

        var result = Assert.Single(await FirewallTest.RunAsync(new FirewallOptions { Rules = rules, Timeout = options.Timeout, Trust = options.Trust, Proxy = new Uri("http://127.0.0.1:" + proxy.EndPoint.Port + "/") }, null, null, CancellationToken.None));

        Assert.Equal(("Blocked", "ProxyRefused"), (result.Verdict, result.FailureReason));
        Assert.Equal("Blocked: TCP (WSS) " + _wss.Tls.EndPoint.Port + " to 127.0.0.1 is stopped on the way (ProxyRefused).", result.Message);
        Assert.Contains("ask the proxy team to allow CONNECT to 127.0.0.1:" + _wss.Tls.EndPoint.Port, result.Remediation, StringComparison.Ordinal);
        Assert.False(FirewallTest.Passed(new[] { result }));
    }

    private FirewallOptions Options(IReadOnlyList<TelnyxEndpoint> rules) => new()
    {
        Rules = rules,
        Timeout = Timeout,
        NoProxy = true,
        Trust = _wss.PublicTestCa,
        CertificateValidation = _coturn.TrustTestCa,
        Resolver = new ScriptedResolver(),
    };

    private static string Row(string service, string host, int port, string protocol, bool required) =>
        "{\"Service\":\"" + service + "\",\"Host\":\"" + host + "\",\"Port\":" + port + ",\"Protocol\":\"" + protocol + "\",\"Required\":" + (required ? "true" : "false") + "}";
}
