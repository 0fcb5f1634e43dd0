using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// A self-signed server certificate for 127.0.0.1, ::1 and localhost that chains to nothing a
/// client trusts: the server a TLS check must refuse (its chain ends in an untrusted root).
/// </summary>
internal static class SelfSignedServerCertificate
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Makes one, valid from five minutes ago for a day, and writes it and its PKCS#8 key as PEM files (coturn's --cert and --pkey).</summary>
    public static void WritePem(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=TelnyxNet untrusted test server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ServerAuthOid) }, critical: false));
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var certificate = request.CreateSelfSigned(notBefore, notBefore.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
