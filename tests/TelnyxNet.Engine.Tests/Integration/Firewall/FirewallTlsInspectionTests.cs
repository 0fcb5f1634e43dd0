using System.Security.Cryptography.X509Certificates;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Firewall;

/// <summary>
/// The firewall's TURN and STUN rows over TLS through a TLS inspector: a real coturn whose TLS
/// certificate a CA named like an inspection product signed (the test PKI the signaling tests use).
/// The signaling probe's classifier decides, so the row is Intercepted with the product (untrusted:
/// still named; trusted: re-signed but working), not a plain TLS failure.
/// </summary>
public sealed class FirewallTlsInspectionTests
{
    private const string ZscalerCa = "CN=Zscaler Root CA, OU=Zscaler Inc., O=Zscaler Inc.";

    [Theory]
    [InlineData("Turn")]
    [InlineData("Stun")]
    public async Task A_rule_over_TLS_re_signed_by_an_untrusted_inspector_is_Intercepted_with_the_product(string service)
    {
        await using var coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Tls = TurnTlsCertificate.TestCa, TestCaName = ZscalerCa, IPv6 = false });

        var result = await RunAsync(coturn, service, CertificateTrust.System);

        Assert.True(result.Verdict == "Intercepted", result.Verdict + " " + result.FailureReason + ": " + result.Evidence);
        Assert.Equal("TlsFailure", result.FailureReason);
        Assert.Contains("re-signed on the path by Zscaler", result.Evidence, StringComparison.Ordinal);
        Assert.Equal("Exempt 127.0.0.1:" + coturn.TlsPort + " from TLS inspection in Zscaler.", result.Remediation);
        Assert.Equal("firewall_rule_intercepted", Assert.Single(FindingCodes.FromFirewall(new[] { result })).Code);
    }

    [Fact]
    public async Task A_TURN_rule_over_TLS_through_a_trusted_inspector_still_answers_and_is_Intercepted()
    {
        await using var coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Tls = TurnTlsCertificate.TestCa, TestCaName = ZscalerCa, IPv6 = false });

        var result = await RunAsync(coturn, "Turn", CertificateTrust.WithRoots(new[] { coturn.TestCa! }, Array.Empty<X509Certificate2>()));

        Assert.True(result.Verdict == "Intercepted", result.Verdict + " " + result.FailureReason + ": " + result.Evidence);
        Assert.Equal("TlsIntercepted", result.FailureReason);
        Assert.Contains("TURN Allocate granted a relay", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TURN_rule_over_TLS_with_a_public_looking_chain_stays_a_plain_TLS_failure()
    {
        await using var coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Tls = TurnTlsCertificate.TestCa, IPv6 = false });

        var result = await RunAsync(coturn, "Turn", CertificateTrust.System);

        Assert.Equal(("Failed", "TlsFailure"), (result.Verdict, result.FailureReason));
    }

    private static async Task<FirewallRuleResult> RunAsync(CoturnTurnServer coturn, string service, CertificateTrust trust)
    {
        var rules = EndpointCatalog.Parse("[{\"Service\":\"" + service + "\",\"Host\":\"127.0.0.1\",\"Port\":" + coturn.TlsPort + ",\"Protocol\":\"Tls\"}]", "inspected.json");
        var user = coturn.Options.Users[0];
        return Assert.Single(await FirewallTest.RunAsync(
            new FirewallOptions
            {
                Rules = rules,
                NoProxy = true,
                Timeout = TimeSpan.FromSeconds(5),
                Trust = trust,
                TurnCredential = TurnCredential.FromPassword(user.Name, Support.Secrets.Secure(user.Password)),
            },
            null,
            null,
            CancellationToken.None));
    }
}
