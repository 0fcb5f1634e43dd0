namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// The proxy environment variables, as curl reads them: for wss, <c>https_proxy</c> then
/// <c>HTTPS_PROXY</c>; for ws, <c>http_proxy</c> (the upper-case form is ignored, as curl does,
/// since CGI servers set HTTP_PROXY from a request header); then <c>all_proxy</c>/<c>ALL_PROXY</c>;
/// <c>no_proxy</c>/<c>NO_PROXY</c> exempts hosts (<see cref="NoProxyList"/>). Empty values count as unset.
/// </summary>
public sealed class EnvironmentProxySource : IProxySource
{
    private static readonly string[] SecureVariables = { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };
    private static readonly string[] PlainVariables = { "http_proxy", "all_proxy", "ALL_PROXY" };
    private static readonly string[] BypassVariables = { "no_proxy", "NO_PROXY" };
    private readonly Func<string, string?> _variable;

    /// <summary>Reads variables through <paramref name="variable"/> (default: this process's environment).</summary>
    public EnvironmentProxySource(Func<string, string?>? variable = null) => _variable = variable ?? Environment.GetEnvironmentVariable;

    /// <summary>The process environment.</summary>
    public static EnvironmentProxySource Process { get; } = new();

    /// <summary>True when any proxy variable is set.</summary>
    public bool IsConfigured => SecureVariables.Concat(PlainVariables).Any(v => !string.IsNullOrWhiteSpace(_variable(v)));

    /// <inheritdoc />
    public ProxyDecision Find(SignalingTarget target)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        var name = (target.Secure ? SecureVariables : PlainVariables).FirstOrDefault(v => !string.IsNullOrWhiteSpace(_variable(v)));
        if (name is null)
        {
            return new ProxyDecision(null, ProxySource.None, "No proxy variable (" + string.Join(", ", target.Secure ? SecureVariables : PlainVariables) + ") is set.");
        }

        var bypassName = BypassVariables.FirstOrDefault(v => !string.IsNullOrWhiteSpace(_variable(v)));
        if (bypassName != null && new NoProxyList(_variable(bypassName)).Match(target.Host, target.Port) is string entry)
        {
            return new ProxyDecision(null, ProxySource.EnvironmentBypass, bypassName + " exempts " + target.Host + " (entry '" + entry + "') from the proxy in " + name + ".");
        }

        var value = _variable(name)!;
        if (!ProxyAddress.TryParse(value, out var proxy, out var credential, out var error))
        {
            return new ProxyDecision(null, ProxySource.Environment, name + " is set", problem: name + ": " + error);
        }

        return new ProxyDecision(proxy, ProxySource.Environment, name + " names " + proxy!.Authority + (credential is null ? string.Empty : " with user " + credential.Username) + ".", credential);
    }
}
