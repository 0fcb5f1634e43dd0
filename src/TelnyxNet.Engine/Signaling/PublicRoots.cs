using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// The roots of the platform's public CA program, as thumbprints: on Windows the AuthRoot store
/// (Microsoft's Trusted Root Program, filled on demand by automatic root updates; enterprise roots
/// pushed by policy land in Root, not here); on Debian and Ubuntu the Mozilla bundle that the
/// ca-certificates package installs in /usr/share/ca-certificates/mozilla (roots an administrator
/// adds go to /usr/local/share/ca-certificates). Elsewhere unknown.
/// </summary>
internal static class PublicRoots
{
    private const string MozillaBundle = "/usr/share/ca-certificates/mozilla";
    private static readonly Lazy<HashSet<string>?> Thumbprints = new(Read);

    /// <summary>True when <paramref name="root"/> is a public root, false when it is not, null when this platform cannot tell.</summary>
    public static bool? Contains(X509Certificate2 root)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            using var store = new X509Store(StoreName.AuthRoot, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            return store.Certificates.Find(X509FindType.FindByThumbprint, root.Thumbprint, validOnly: false).Count > 0;
        }

        return Thumbprints.Value?.Contains(root.Thumbprint);
    }

    private static HashSet<string>? Read()
    {
        if (!Directory.Exists(MozillaBundle))
        {
            return null;
        }

        var thumbprints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(MozillaBundle, "*.crt"))
        {
            try
            {
                using var certificate = new X509Certificate2(file);
                thumbprints.Add(certificate.Thumbprint);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Not a certificate file: not a root of the bundle.
            }
        }

        return thumbprints;
    }
}
