using System.Net;
using System.Security.Cryptography.X509Certificates;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Servers.Wss;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>
/// TLS inspection told apart from a public chain, against Kestrel serving certificates of CAs named
/// like an inspection product or like an enterprise root: trusted but not public is intercepted;
/// untrusted is a TLS failure that still names the product it points to.
/// </summary>
public sealed class TlsInspectionTests
{
    [Fact]
    public async Task A_trusted_chain_from_a_CA_named_Zscaler_is_TlsIntercepted_by_Zscaler_and_still_held()
    {
        await using var server = await ServerAsync("CN=Zscaler Root CA, OU=Zscaler Inc., O=Zscaler Inc.");

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = CertificateTrust.WithRoots(new[] { server.Ca }, Array.Empty<X509Certificate2>()) }, server.Wss.Uri());

        SignalingRun.Failed(result, FailureReason.TlsIntercepted);
        Assert.True(result.TlsIntercepted);
        Assert.Equal("Zscaler", result.InterceptionProduct);
        Assert.Equal(server.Ca.Subject, result.CertificateRoot);
        Assert.Equal(server.Ca.Thumbprint, result.CertificateRootThumbprint);
        Assert.Contains("re-signed on the path by Zscaler", result.Message, StringComparison.Ordinal);
        Assert.Contains("thumbprint " + server.Ca.Thumbprint, result.Message, StringComparison.Ordinal);
        Assert.Contains("Opened wss://127.0.0.1:", result.Message, StringComparison.Ordinal);
        Assert.True(result.PingsAnswered >= 1, "the WebSocket is still tested through the inspector");
        Assert.StartsWith("Zscaler re-signs the connection to 127.0.0.1: exempt 127.0.0.1 from TLS inspection.", result.Remediation, StringComparison.Ordinal);
        var finding = Assert.Single(FindingCodes.FromSignaling(new[] { result }));
        Assert.Equal(("tls_intercepted", "Degraded", "signaling"), (finding.Code, finding.Effect, finding.Source));
    }

    [Fact]
    public async Task An_untrusted_chain_from_an_inspection_product_is_TlsFailure_that_names_the_product()
    {
        await using var server = await ServerAsync("CN=Fortinet_CA_SSL, O=Fortinet Ltd.");

        var result = await SignalingRun.OneAsync(SignalingRun.Direct, server.Wss.Uri());

        SignalingRun.Failed(result, FailureReason.TlsFailure);
        Assert.True(result.TlsIntercepted);
        Assert.Equal("Fortinet FortiGate", result.InterceptionProduct);
        Assert.Contains("If Fortinet FortiGate re-signs it, exempt 127.0.0.1 from TLS inspection", result.Remediation, StringComparison.Ordinal);
        Assert.Equal("signaling_tls_untrusted", Assert.Single(FindingCodes.FromSignaling(new[] { result })).Code);
    }

    [Fact]
    public async Task A_trusted_root_that_no_public_program_holds_is_TlsIntercepted_with_the_root_named()
    {
        await using var server = await ServerAsync("CN=Contoso Security Root, O=Contoso");

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Trust = CertificateTrust.WithRoots(new[] { server.Ca }, Array.Empty<X509Certificate2>()) }, server.Wss.Uri());

        SignalingRun.Failed(result, FailureReason.TlsIntercepted);
        Assert.Equal(string.Empty, result.InterceptionProduct);
        Assert.Contains("by a CA that is no public root (issuer CN=Contoso Security Root, O=Contoso; root CN=Contoso Security Root, O=Contoso, thumbprint", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_chain_of_no_known_product_cannot_be_told_as_inspection()
    {
        await using var server = await ServerAsync("CN=Some Lab CA");

        var result = await SignalingRun.OneAsync(SignalingRun.Direct, server.Wss.Uri());

        SignalingRun.Failed(result, FailureReason.TlsFailure);
        Assert.Null(result.TlsIntercepted);
        Assert.Equal(string.Empty, result.InterceptionProduct);
    }

    [Fact]
    public async Task The_firewall_test_calls_a_rule_through_an_inspector_Intercepted_and_asks_for_an_exemption()
    {
        await using var server = await ServerAsync("CN=Netskope Certificate Authority, O=Netskope Inc");
        var rules = EndpointCatalog.Parse("[{\"Service\":\"Signaling\",\"Host\":\"127.0.0.1\",\"Port\":" + server.Wss.EndPoint.Port + ",\"Protocol\":\"Wss\"}]", "inspected.json");

        var result = Assert.Single(await FirewallTest.RunAsync(new FirewallOptions { Rules = rules, NoProxy = true, Timeout = TimeSpan.FromSeconds(5), Trust = CertificateTrust.WithRoots(new[] { server.Ca }, Array.Empty<X509Certificate2>()) }, null, null, CancellationToken.None));

        Assert.Equal(("Intercepted", "Failed", "TlsIntercepted"), (result.Verdict, result.Status, result.FailureReason));
        Assert.Equal("Exempt 127.0.0.1:" + server.Wss.EndPoint.Port + " from TLS inspection in Netskope.", result.Remediation);
        Assert.Equal("firewall_rule_intercepted", Assert.Single(FindingCodes.FromFirewall(new[] { result })).Code);
    }

    [Theory]
    [InlineData("CN=Zscaler Intermediate Root CA (zscloud.net)", "Zscaler")]
    [InlineData("CN=PAN-FW Forward Trust, O=Palo Alto Networks", "Palo Alto Networks")]
    [InlineData("CN=FortiGate CA, O=Fortinet", "Fortinet FortiGate")]
    [InlineData("CN=ca.acme.goskope.com", "Netskope")]
    [InlineData("CN=ProxySG Root", "Symantec / Blue Coat ProxySG")]
    [InlineData("CN=Cisco Umbrella Primary SubCA", "Cisco Umbrella")]
    [InlineData("CN=Forcepoint Cloud Security CA", "Forcepoint")]
    [InlineData("CN=Sophos SSL CA_C123", "Sophos")]
    [InlineData("CN=Check Point Inspection CA", "Check Point")]
    [InlineData("CN=Barracuda Web Security CA", "Barracuda")]
    [InlineData("CN=McAfee Web Gateway", "McAfee / Skyhigh Security")]
    [InlineData("CN=mitmproxy, O=mitmproxy", "mitmproxy")]
    [InlineData("CN=DO_NOT_TRUST_FiddlerRoot", "Fiddler")]
    [InlineData("CN=ISRG Root X1, O=Internet Security Research Group", null)]
    [InlineData("CN=DigiCert Global Root G2", null)]
    public void Knows_the_inspection_products_by_their_CA_names(string caName, string? product) =>
        Assert.Equal(product, InspectionProducts.Match(new[] { caName }));

    private static async Task<InspectedServer> ServerAsync(string caName)
    {
        var pki = TestCertificates.Create(caName);
        var certificate = pki.ServerCertificate();
        var wss = await WssLabServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), certificate);
        return new InspectedServer(pki, certificate, wss);
    }

    /// <summary>A Kestrel whose certificate is signed by a CA of a given name.</summary>
    private sealed class InspectedServer : IAsyncDisposable
    {
        private readonly TestCertificates _pki;
        private readonly X509Certificate2 _certificate;

        public InspectedServer(TestCertificates pki, X509Certificate2 certificate, WssLabServer wss)
        {
            _pki = pki;
            _certificate = certificate;
            Wss = wss;
        }

        public WssLabServer Wss { get; }

        public X509Certificate2 Ca => _pki.Authority;

        public async ValueTask DisposeAsync()
        {
            await Wss.DisposeAsync();
            _certificate.Dispose();
            _pki.Dispose();
        }
    }
}
