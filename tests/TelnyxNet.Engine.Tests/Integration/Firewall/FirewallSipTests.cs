using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Sip;

namespace TelnyxNet.Engine.Tests.Integration.Firewall;

/// <summary>Test-TelnyxFirewall's SIP rows, proved by SIP OPTIONS against a real kamailio on loopback over UDP, TCP and TLS.</summary>
[Collection(SipLoopbackCollection.Name)]
public sealed class FirewallSipTests
{
    private readonly SipLoopbackFixture _kamailio;

    public FirewallSipTests(SipLoopbackFixture kamailio) => _kamailio = kamailio;

    [Fact]
    public async Task A_SIP_rule_is_allowed_when_the_proxy_answers_OPTIONS_over_its_protocol_and_rejected_on_a_closed_port()
    {
        var closed = FreePorts.Closed();
        var rules = EndpointCatalog.Parse(
            "[" + string.Join(",", Row(_kamailio.SipPort, "Udp"), Row(_kamailio.SipPort, "Tcp"), Row(_kamailio.TlsPort, "Tls"), Row(closed, "Tcp")) + "]",
            "sip.json");

        var results = await FirewallTest.RunAsync(
            new FirewallOptions { Rules = rules, Timeout = TimeSpan.FromSeconds(3), CertificateValidation = _kamailio.TrustTestCa, NoProxy = true },
            new Probes.CollectingLog(),
            null,
            CancellationToken.None);

        Assert.Equal(new[] { "Allowed", "Allowed", "Allowed", "Rejected" }, results.Select(r => r.Verdict));
        Assert.All(results, r => Assert.Equal("SIP OPTIONS", r.Probe));
        Assert.All(results.Take(3), r => Assert.StartsWith("SIP OPTIONS answered 200 OK in ", r.Evidence, StringComparison.Ordinal));
        Assert.All(results.Take(3), r => Assert.NotNull(r.ResponseTimeMs));
        Assert.Equal("Refused", results[3].FailureReason);
        Assert.Equal("Allow outbound TCP " + closed + " to 127.0.0.1 (a firewall rejects it now).", results[3].Remediation);
        Assert.DoesNotContain(FindingCodes.FromFirewall(results), f => f.Code == "firewall_rule_not_testable");
    }

    private static string Row(int port, string protocol) =>
        "{\"Service\":\"Sip\",\"Host\":\"127.0.0.1\",\"Port\":" + port + ",\"Protocol\":\"" + protocol + "\",\"Required\":false}";
}
