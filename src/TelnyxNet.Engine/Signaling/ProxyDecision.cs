namespace TelnyxNet.Engine.Signaling;

/// <summary>Whether a connection goes through an HTTP proxy, which one, and where that choice came from.</summary>
public sealed class ProxyDecision
{
    /// <summary>Creates a decision.</summary>
    public ProxyDecision(Uri? proxy, ProxySource source, string detail, ProxyCredential? credential = null, string? problem = null)
    {
        Proxy = proxy;
        Source = source;
        Detail = detail ?? string.Empty;
        Credential = credential;
        Problem = problem;
    }

    /// <summary>The proxy (<c>http://host:port</c>, no user information), or null for a direct connection.</summary>
    public Uri? Proxy { get; }

    /// <summary>Where the decision came from.</summary>
    public ProxySource Source { get; }

    /// <summary>What decided it, in words: the variable, the bypass entry, the system setting.</summary>
    public string Detail { get; }

    /// <summary>Credentials that came with the proxy (a proxy URI's user information), if any.</summary>
    public ProxyCredential? Credential { get; }

    /// <summary>Why the setting that decides cannot be used (it names an https:// or SOCKS proxy, say); null when it can.</summary>
    public string? Problem { get; }
}

/// <summary>Where a proxy decision came from.</summary>
public enum ProxySource
{
    /// <summary>No proxy is configured: direct.</summary>
    None,

    /// <summary>Given explicitly (-Proxy, --proxy).</summary>
    Parameter,

    /// <summary>Turned off explicitly (-NoProxy, --no-proxy): direct.</summary>
    Disabled,

    /// <summary>An environment variable (https_proxy, HTTPS_PROXY, http_proxy, all_proxy, ALL_PROXY).</summary>
    Environment,

    /// <summary>A proxy is configured in the environment, but NO_PROXY exempts this host: direct.</summary>
    EnvironmentBypass,

    /// <summary>The system's proxy settings (Windows: WinINET/WinHTTP, as the browser uses them, PAC included).</summary>
    System,
}

/// <summary>Finds the proxy for a target: the seam that lets tests give the environment or system settings.</summary>
public interface IProxySource
{
    /// <summary>The decision for <paramref name="target"/>; a setting that names a proxy that cannot be used is a decision with a <see cref="ProxyDecision.Problem"/>.</summary>
    ProxyDecision Find(SignalingTarget target);
}
