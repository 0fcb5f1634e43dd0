using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A throw-away PKI for TLS tests: a CA (BasicConstraints CA=true) and a server certificate it
/// signs for 127.0.0.1, ::1 and localhost (serverAuth), so that TLS can be tested both with a
/// trusted chain (<see cref="TrustTestCa"/>) and with the system's validation, which rejects it.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private readonly RSA _leafKey;
    private readonly string _authorityKeyPem;

    private TestCertificates(X509Certificate2 authority, X509Certificate2 leaf, RSA leafKey, string authorityKeyPem)
    {
        Authority = authority;
        Leaf = leaf;
        _leafKey = leafKey;
        _authorityKeyPem = authorityKeyPem;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate (public part only).</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The name of the test CA unless a test asks for another.</summary>
    public const string DefaultCaName = "CN=TelnyxNet Test CA, O=TelnyxNet tests";

    /// <summary>
    /// Makes a CA named <paramref name="caName"/> and a server certificate it signs, valid from five
    /// minutes ago for two days, for 127.0.0.1, ::1, localhost, and also <paramref name="addresses"/>
    /// (a lab's server addresses, say) and <paramref name="dnsNames"/> (a SIP domain's proxies, say).
    /// </summary>
    public static TestCertificates Create(string caName = DefaultCaName, IEnumerable<System.Net.IPAddress>? addresses = null, IEnumerable<string>? dnsNames = null)
    {
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore.AddDays(2);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest(caName, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        var leafKey = RSA.Create(2048);
        try
        {
            var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
            names.AddDnsName("localhost");
            foreach (var address in addresses ?? Array.Empty<System.Net.IPAddress>())
            {
                names.AddIpAddress(address);
            }

            foreach (var name in dnsNames ?? Array.Empty<string>())
            {
                names.AddDnsName(name);
            }

            leafRequest.CertificateExtensions.Add(names.Build());
            leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
            leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ServerAuthOid) }, critical: false));
            leafRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leafRequest.PublicKey, critical: false));
            leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
            using var leaf = leafRequest.Create(ca, notBefore, notAfter.AddHours(-1), RandomNumberGenerator.GetBytes(16));
            return new TestCertificates(X509CertificateLoader.LoadCertificate(ca.RawData), X509CertificateLoader.LoadCertificate(leaf.RawData), leafKey, caKey.ExportPkcs8PrivateKeyPem());
        }
        catch
        {
            leafKey.Dispose();
            throw;
        }
    }

    /// <summary>Writes the server certificate and its private key (PKCS#8) as PEM files, as coturn's --cert and --pkey read them.</summary>
    public void WriteServerPem(string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, Leaf.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, _leafKey.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>The CA's certificate and private key as one PEM text, as mitmproxy reads its CA (mitmproxy-ca.pem).</summary>
    public string AuthorityPem() => Authority.ExportCertificatePem() + "\n" + _authorityKeyPem + "\n";

    /// <summary>The server certificate with its private key, loaded through PKCS#12 as TLS servers (Kestrel, SslStream) need it.</summary>
    public X509Certificate2 ServerCertificate()
    {
        using var withKey = Leaf.CopyWithPrivateKey(_leafKey);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>
    /// A certificate check that trusts exactly this test CA: the chain must build to
    /// <see cref="Authority"/> with serverAuth, and the name must match (no mismatch error).
    /// </summary>
    public bool TrustTestCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(presented);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Leaf.Dispose();
        _leafKey.Dispose();
    }
}
