using System.Management.Automation;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// Base of the cmdlets that open WebSockets (Test-TelnyxSignaling, Test-TelnyxFirewall): the proxy
/// and certificate parameters they share, declared once.
/// </summary>
public abstract class WebSocketCmdlet : AsyncCmdlet
{
    /// <summary>An HTTP proxy to go through (http://host:port or host:port), whatever the system says.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Proxy { get; set; }

    /// <summary>The proxy's user name and password (sent as Basic).</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Connect directly, whatever the system proxy settings or HTTPS_PROXY say.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>Accept any certificate (the chain is still reported, and the result says the check was skipped).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>-Proxy, -ProxyCredential and -NoProxy checked; a terminating error when they are wrong.</summary>
    internal ProxyParameters ProxySettings() => ProxyParameters.From(this, Proxy, ProxyCredential, NoProxy);
}
