using System.Management.Automation;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Infrastructure;

/// <summary>-Proxy, -ProxyCredential and -NoProxy as the signaling and firewall cmdlets take them, checked the same way.</summary>
internal sealed class ProxyParameters
{
    private ProxyParameters(Uri? proxy, ProxyCredential? credential)
    {
        Proxy = proxy;
        Credential = credential;
    }

    public Uri? Proxy { get; }

    public ProxyCredential? Credential { get; }

    /// <summary>The parsed settings; throws a terminating error (InvalidProxy, ConflictingProxySettings, InvalidCredential) through <paramref name="cmdlet"/>.</summary>
    public static ProxyParameters From(PSCmdlet cmdlet, string? proxy, PSCredential? credential, bool noProxy)
    {
        if (noProxy && (proxy != null || credential != null))
        {
            Fail(cmdlet, ErrorIds.ConflictingProxySettings, "-NoProxy connects directly; it cannot be used with -Proxy or -ProxyCredential.", proxy);
        }

        Uri? uri = null;
        ProxyCredential? fromUri = null;
        if (proxy != null && !ProxyAddress.TryParse(proxy, out uri, out fromUri, out var error))
        {
            Fail(cmdlet, ErrorIds.InvalidProxy, error!, ProxyAddress.Redact(proxy));
        }

        try
        {
            return new ProxyParameters(uri, credential is null ? fromUri : ProxyCredential.FromPassword(credential.UserName, credential.Password));
        }
        catch (ArgumentException ex)
        {
            Fail(cmdlet, ErrorIds.InvalidCredential, "-ProxyCredential: " + ex.Message, null);
            throw;
        }
    }

    private static void Fail(PSCmdlet cmdlet, string id, string message, object? target) =>
        cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target));
}
