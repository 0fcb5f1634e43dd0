using System.Net;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// The proxy the machine's own clients would use. Where proxy environment variables are set,
/// they decide (<see cref="EnvironmentProxySource"/>), as for .NET and curl. Otherwise, on Windows,
/// the system settings the browser uses (WinINET per user, with a PAC script or WPAD evaluated
/// through WinHTTP), read through .NET's <see cref="WebRequest.GetSystemWebProxy"/>; elsewhere
/// there are no system settings to read, so the connection is direct.
/// </summary>
public sealed class SystemProxySource : IProxySource
{
    private readonly EnvironmentProxySource _environment;
    private readonly Func<IWebProxy?> _system;

    /// <summary>Creates a source over <paramref name="environment"/> and the system proxy <paramref name="system"/> (null on platforms without one).</summary>
    public SystemProxySource(EnvironmentProxySource environment, Func<IWebProxy?> system)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _system = system ?? throw new ArgumentNullException(nameof(system));
    }

    /// <summary>This process's environment and, on Windows, the system settings.</summary>
    public static SystemProxySource Instance { get; } = new(EnvironmentProxySource.Process, () => IsWindows ? WebRequest.GetSystemWebProxy() : null);

    private static bool IsWindows => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);

    /// <inheritdoc />
    public ProxyDecision Find(SignalingTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (_environment.IsConfigured)
        {
            return _environment.Find(target);
        }

        var system = _system();
        if (system is null)
        {
            return new ProxyDecision(null, ProxySource.None, "No proxy variable is set, and this system has no proxy settings of its own to read.");
        }

        // The proxy a browser would use for the https: (or http:) form of the WebSocket URI.
        var asHttp = new Uri((target.Secure ? "https://" : "http://") + target.HostAndPort(defaultPortOmitted: false) + "/");
        var proxy = system.GetProxy(asHttp);
        if (proxy is null || system.IsBypassed(asHttp) || Uri.Compare(proxy, asHttp, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return new ProxyDecision(null, ProxySource.None, "The system proxy settings send " + target.Host + " direct.");
        }

        if (!ProxyAddress.TryParse(proxy.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped), out var parsed, out _, out var error))
        {
            return new ProxyDecision(null, ProxySource.System, "The system proxy settings name a proxy", problem: "the system proxy: " + error);
        }

        return new ProxyDecision(parsed, ProxySource.System, "The system proxy settings (WinINET/WinHTTP, PAC included) send " + target.Host + " to " + parsed!.Authority + ".");
    }
}
