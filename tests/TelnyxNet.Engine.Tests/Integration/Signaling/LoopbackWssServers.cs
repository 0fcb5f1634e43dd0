using System.Net;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Servers.Wss;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>
/// Two Kestrel WebSocket servers on 127.0.0.1 for a test class: one over TLS with a certificate of
/// the test CA (<see cref="Pki"/>), one plain; and the trust that takes the test CA as a public
/// root, as a real client takes a public CA.
/// </summary>
public sealed class LoopbackWssServers : IAsyncLifetime
{
    private TestCertificates? _pki;
    private System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;
    private WssLabServer? _tls;
    private WssLabServer? _plain;

    internal TestCertificates Pki => _pki!;

    /// <summary>The TLS server.</summary>
    public WssLabServer Tls => _tls!;

    /// <summary>The plain server.</summary>
    public WssLabServer Plain => _plain!;

    /// <summary>Trusts the test CA and counts it as a public root.</summary>
    public CertificateTrust PublicTestCa => CertificateTrust.WithRoots(new[] { Pki.Authority }, new[] { Pki.Authority });

    public async Task InitializeAsync()
    {
        _pki = TestCertificates.Create();
        _certificate = _pki.ServerCertificate();
        _tls = await WssLabServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), _certificate);
        _plain = await WssLabServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), null);
    }

    public async Task DisposeAsync()
    {
        if (_tls != null)
        {
            await _tls.DisposeAsync();
        }

        if (_plain != null)
        {
            await _plain.DisposeAsync();
        }

        _certificate?.Dispose();
        _pki?.Dispose();
    }
}
