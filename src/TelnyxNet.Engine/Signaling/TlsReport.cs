using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Signaling;

/// <summary>What a TLS handshake's certificate check found: the certificate, its chain up to the root, whether it is trusted, and whether it was re-signed on the path.</summary>
internal sealed class TlsReport
{
    private TlsReport()
    {
    }

    public bool Trusted { get; private set; }

    /// <summary>Why the chain is not trusted (null when it is).</summary>
    public string? Problem { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public string Issuer { get; private set; } = string.Empty;

    public DateTimeOffset? Expires { get; private set; }

    /// <summary>The chain's subjects, server first, joined with " &lt;- ".</summary>
    public string Chain { get; private set; } = string.Empty;

    /// <summary>The root's subject (empty when the chain did not reach a self-signed root).</summary>
    public string Root { get; private set; } = string.Empty;

    public string RootThumbprint { get; private set; } = string.Empty;

    /// <summary>True when re-signed on the path, false when the root is a public one, null when it cannot be told.</summary>
    public bool? Intercepted { get; set; }

    /// <summary>The inspection product that the CA names point to.</summary>
    public string? Product { get; private set; }

    public static TlsReport Refused(string problem) => new() { Problem = problem };

    public static TlsReport Of(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain, bool trusted, string? problem, string? product)
    {
        var last = chain.Count > 0 ? chain[chain.Count - 1] : null;
        var root = last != null && last.Subject == last.Issuer && chain.Count > 1 ? last : null;
        return new TlsReport
        {
            Trusted = trusted,
            Problem = problem,
            Subject = leaf.Subject,
            Issuer = leaf.Issuer,
            Expires = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            Chain = string.Join(" <- ", (chain.Count > 0 ? chain : new[] { leaf }).Select(c => c.Subject)),
            Root = root?.Subject ?? string.Empty,
            RootThumbprint = root?.Thumbprint ?? string.Empty,
            Intercepted = product != null ? true : null,
            Product = product,
        };
    }
}
