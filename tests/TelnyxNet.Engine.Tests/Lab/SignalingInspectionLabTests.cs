using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// Signaling from the lab's client through a real TLS-intercepting mitmproxy on 203.0.113.21:
/// its CA trusted (TlsIntercepted, product and root named) or not (TlsFailure), and re-signing with
/// an enterprise root that only the root check tells apart.
/// </summary>
[Trait("Category", "Lab")]
public sealed class SignalingInspectionLabTests
{
    [Fact]
    public async Task Through_mitmproxy_with_its_CA_trusted_is_TlsIntercepted_and_untrusted_is_TlsFailure()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        var (_, caFile) = await servers.Lab.StartMitmproxyAsync(servers.CaPem);
        using var mitmCa = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(caFile);
        var through = servers.Client with { Proxy = new Uri("http://" + SignalingLab.InspectorAddress + ":" + SignalingLab.InspectorPort + "/") };

        var trusted = await SignalingRun.OneAsync(through with { Trust = CertificateTrust.WithRoots(new[] { servers.Pki.Authority, mitmCa }, new[] { servers.Pki.Authority }) }, servers.Uri());
        var untrusted = await SignalingRun.OneAsync(through, servers.Uri());

        SignalingRun.Failed(trusted, FailureReason.TlsIntercepted);
        Assert.True(trusted.TlsIntercepted);
        Assert.Equal("mitmproxy", trusted.InterceptionProduct);
        Assert.Equal(mitmCa.Subject, trusted.CertificateRoot);
        Assert.Equal(mitmCa.Thumbprint, trusted.CertificateRootThumbprint);
        Assert.Contains("Opened " + servers.Uri(), trusted.Message, StringComparison.Ordinal);
        Assert.True(trusted.PingsAnswered >= 1, "the WebSocket works through the inspector: " + trusted.Message);
        Assert.StartsWith("mitmproxy re-signs the connection to " + SignalingLab.WssAddress, trusted.Remediation, StringComparison.Ordinal);
        SignalingRun.Failed(untrusted, FailureReason.TlsFailure);
        Assert.True(untrusted.TlsIntercepted);
        Assert.Equal("mitmproxy", untrusted.InterceptionProduct);
    }

    [Fact]
    public async Task Through_mitmproxy_with_an_enterprise_root_the_root_alone_tells_the_interception()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        using var corporate = TestCertificates.Create("CN=Contoso Enterprise Root, O=Contoso");
        await servers.Lab.StartMitmproxyAsync(servers.CaPem, corporate.AuthorityPem());

        var result = await SignalingRun.OneAsync(servers.Client with { Proxy = new Uri("http://" + SignalingLab.InspectorAddress + ":" + SignalingLab.InspectorPort + "/"), Trust = CertificateTrust.WithRoots(new[] { servers.Pki.Authority, corporate.Authority }, new[] { servers.Pki.Authority }) }, servers.Uri());

        SignalingRun.Failed(result, FailureReason.TlsIntercepted);
        Assert.Equal(string.Empty, result.InterceptionProduct);
        Assert.Equal(corporate.Authority.Subject, result.CertificateRoot);
        Assert.Contains("a CA that is no public root", result.Message, StringComparison.Ordinal);
    }
}
