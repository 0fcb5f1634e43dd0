using System.Globalization;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// An HTTP proxy as users and environment variables write it: <c>http://host:port</c>,
/// <c>host:port</c>, optionally with <c>user:password@</c> (percent-encoded). The default port is
/// 80. Only plain HTTP proxies are spoken to (CONNECT over TCP, RFC 9110 §9.3.6): an <c>https://</c>
/// or SOCKS proxy is an error that says so.
/// </summary>
public static class ProxyAddress
{
    /// <summary>Parses <paramref name="text"/> into the proxy URI without user information, and the credential it carried.</summary>
    public static bool TryParse(string? text, out Uri? proxy, out ProxyCredential? credential, out string? error)
    {
        proxy = null;
        credential = null;
        var input = text?.Trim() ?? string.Empty;
        error = Parse(input, ref proxy, ref credential);
        if (error != null)
        {
            error = "'" + Redact(text ?? string.Empty) + "' is not an HTTP proxy: " + error;
        }

        return error is null;
    }

    /// <summary><paramref name="text"/> with any password in its user information replaced by <c>***</c>, for messages.</summary>
    public static string Redact(string text)
    {
        var at = text.LastIndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var start = scheme >= 0 ? scheme + 3 : 0;
        if (at < start)
        {
            return text;
        }

        var colon = text.IndexOf(':', start);
        return colon >= 0 && colon < at ? text.Substring(0, colon + 1) + "***" + text.Substring(at) : text;
    }

    private static string? Parse(string input, ref Uri? proxy, ref ProxyCredential? credential)
    {
        if (input.Length == 0)
        {
            return "it is empty.";
        }

        var withScheme = input.IndexOf("://", StringComparison.Ordinal) >= 0 ? input : "http://" + input;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            return "it is not host:port or an http:// URI.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return uri.Scheme == Uri.UriSchemeHttps
                ? "a TLS connection to the proxy itself (https://) is not supported; give its plain HTTP port (http://host:port)."
                : "the scheme '" + uri.Scheme + "' is not supported; only HTTP proxies (http://host:port) are.";
        }

        if (uri.PathAndQuery != "/" || uri.Fragment.Length > 0)
        {
            return "a proxy is host and port only, without a path.";
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost;
        if (HostPortSyntax.CheckHost(host) is string hostError)
        {
            return hostError;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon));
            var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1));
            try
            {
                using var secure = SecureText.ReadOnly(password);
                credential = ProxyCredential.FromPassword(user, secure);
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }

        proxy = new Uri("http://" + (HostPortSyntax.IsIPv6(host) ? "[" + host + "]" : host) + ":" + uri.Port.ToString(CultureInfo.InvariantCulture) + "/");
        return null;
    }
}
