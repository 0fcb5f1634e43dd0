using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// Which certificate chains a signaling test trusts, and which roots count as public (held by a
/// public CA program), so that a chain that validates only through another root is known to be
/// re-signed on the path (TLS inspection). <see cref="System"/> is the machine's own: its trust
/// store, and as public roots the platform's root program (Windows: the Microsoft root program's
/// AuthRoot store; Debian and Ubuntu: the Mozilla bundle of ca-certificates; elsewhere unknown, so
/// only the inspection products' names can tell). Tests and labs give their own roots.
/// </summary>
public sealed class CertificateTrust
{
    private readonly X509Certificate2Collection _roots;
    private readonly Func<X509Certificate2, bool?> _isPublic;

    private CertificateTrust(X509Certificate2Collection roots, Func<X509Certificate2, bool?> isPublic)
    {
        _roots = roots;
        _isPublic = isPublic;
    }

    /// <summary>The machine's trust store and its platform's public root program.</summary>
    public static CertificateTrust System { get; } = new(new X509Certificate2Collection(), PublicRoots.Contains);

    /// <summary>
    /// Trusts chains that end in one of <paramref name="trustedRoots"/> (as well as the machine's
    /// store), and counts only <paramref name="publicRoots"/> as public.
    /// </summary>
    public static CertificateTrust WithRoots(IEnumerable<X509Certificate2> trustedRoots, IEnumerable<X509Certificate2> publicRoots)
    {
        var roots = new X509Certificate2Collection((trustedRoots ?? throw new ArgumentNullException(nameof(trustedRoots))).ToArray());
        var publicThumbprints = new HashSet<string>((publicRoots ?? throw new ArgumentNullException(nameof(publicRoots))).Select(r => r.Thumbprint), StringComparer.OrdinalIgnoreCase);
        return new CertificateTrust(roots, root => publicThumbprints.Contains(root.Thumbprint));
    }

    /// <summary>A certificate check for other TLS probes (TURN, STUN over TLS) that trusts what this trust trusts.</summary>
    internal RemoteCertificateValidationCallback Validator(string host) =>
        (_, certificate, chain, errors) => Evaluate(certificate, chain, errors, host).Trusted;

    /// <summary>What the chain the server presented proves, as seen by this trust.</summary>
    internal TlsReport Evaluate(X509Certificate? presented, X509Chain? systemChain, SslPolicyErrors errors, string host)
    {
        if (presented is null)
        {
            return TlsReport.Refused("the server presented no certificate");
        }

        using var leaf = new X509Certificate2(presented);
        var chain = systemChain?.ChainElements.Cast<X509ChainElement>().Select(e => e.Certificate).ToList() ?? new List<X509Certificate2>();
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return TlsReport.Of(leaf, chain, trusted: false, "the certificate (" + leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false) + ") is not for '" + host + "' (name mismatch)", null);
        }

        if (errors == SslPolicyErrors.None)
        {
            return Classified(leaf, chain);
        }

        if (_roots.Count > 0 && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0)
        {
            using var own = new X509Chain();
            own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            own.ChainPolicy.ExtraStore.AddRange(_roots);
            foreach (var element in chain)
            {
                own.ChainPolicy.ExtraStore.Add(element);
            }

            if (own.Build(leaf))
            {
                var built = own.ChainElements.Cast<X509ChainElement>().Select(e => e.Certificate).ToList();
                if (_roots.Cast<X509Certificate2>().Any(r => string.Equals(r.Thumbprint, built[built.Count - 1].Thumbprint, StringComparison.OrdinalIgnoreCase)))
                {
                    return Classified(leaf, built);
                }
            }
        }

        var status = systemChain?.ChainStatus.Select(s => s.Status + (string.IsNullOrWhiteSpace(s.StatusInformation) ? string.Empty : " (" + s.StatusInformation.Trim() + ")")).ToList() ?? new List<string>();
        var why = "the certificate chain does not validate: " + (status.Count > 0 ? string.Join("; ", status) : errors.ToString());
        var product = InspectionProducts.Match(CaNames(leaf, chain));
        return TlsReport.Of(leaf, chain, trusted: false, why, product);
    }

    /// <summary>A trusted chain: intercepted when its CAs name an inspection product, or its root is not a public one.</summary>
    private TlsReport Classified(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain)
    {
        var product = InspectionProducts.Match(CaNames(leaf, chain));
        var root = chain.Count > 1 ? chain[chain.Count - 1] : null;
        var isPublic = root is null ? null : _isPublic(root);
        var report = TlsReport.Of(leaf, chain, trusted: true, null, product);
        report.Intercepted = product != null || isPublic == false ? true : isPublic == true ? false : null;
        return report;
    }

    private static IEnumerable<string> CaNames(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain) =>
        new[] { leaf.Issuer }.Concat(chain.Skip(1).Select(c => c.Subject));
}
