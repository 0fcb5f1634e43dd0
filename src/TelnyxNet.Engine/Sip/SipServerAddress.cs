using System.Net;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// A SIP server as the user wrote it: a <c>sip:</c> or <c>sips:</c> URI (RFC 3261 §19.1:
/// <c>sip:[user@]host[:port][;transport=udp|tcp|tls]</c>), or a plain <c>host</c>,
/// <c>host:port</c> or <c>[IPv6]:port</c>, optionally with <c>;transport=</c>. What is left
/// unsaid (port, transport) is what RFC 3263 target selection finds out (NAPTR, SRV, A/AAAA).
/// </summary>
public sealed class SipServerAddress
{
    /// <summary>The SIP port for UDP and TCP (RFC 3261 §19.1.2).</summary>
    public const int DefaultPort = 5060;

    /// <summary>The SIP port for TLS.</summary>
    public const int DefaultTlsPort = 5061;

    private SipServerAddress(string input, string host, int? port, TransportProtocol? transport, bool secure)
    {
        Input = input;
        Host = host;
        Port = port;
        Transport = transport;
        Secure = secure;
    }

    /// <summary>The text as given.</summary>
    public string Input { get; }

    /// <summary>The host name or IP literal (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port, when given.</summary>
    public int? Port { get; }

    /// <summary>The transport, when given (<c>;transport=</c>; a <c>sips:</c> URI means TLS).</summary>
    public TransportProtocol? Transport { get; }

    /// <summary>True for a <c>sips:</c> URI: only TLS may be used (RFC 3261 §26.2.2).</summary>
    public bool Secure { get; }

    /// <summary>True when <see cref="Host"/> is an IP address rather than a name.</summary>
    public bool IsAddressLiteral => IPAddress.TryParse(Host, out _);

    /// <summary>The default port of <paramref name="transport"/>: 5061 for TLS, else 5060.</summary>
    public static int DefaultPortOf(TransportProtocol transport) => transport == TransportProtocol.Tls ? DefaultTlsPort : DefaultPort;

    /// <summary>Parses <paramref name="text"/>; false with a message that names the value and says what is wrong.</summary>
    public static bool TryParse(string? text, out SipServerAddress? server, out string? error)
    {
        server = null;
        var input = text?.Trim() ?? string.Empty;
        error = Parse(input, ref server);
        if (error != null)
        {
            error = "'" + (text ?? string.Empty) + "' is not a valid SIP server: " + error;
        }

        return error is null;
    }

    /// <summary>Creates a server from a name known to be valid (the endpoint catalog).</summary>
    public static SipServerAddress Create(string host) =>
        TryParse(host, out var server, out var error) ? server! : throw new ArgumentException(error);

    /// <summary>The canonical URI form, e.g. <c>sip:sip.telnyx.com</c> or <c>sip:192.0.2.1:5080;transport=tcp</c>.</summary>
    public override string ToString() =>
        (Secure ? "sips:" : "sip:") + (Port is int port ? HostPortSyntax.Format(Host, port) : Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host)
        + (Transport is TransportProtocol t && !(Secure && t == TransportProtocol.Tls) ? ";transport=" + t.ToString().ToLowerInvariant() : string.Empty);

    private static string? Parse(string input, ref SipServerAddress? server)
    {
        if (input.Length == 0)
        {
            return "the value is empty.";
        }

        var rest = input;
        var secure = false;
        var colon = input.IndexOf(':');
        var scheme = colon > 0 ? input.Substring(0, colon).ToLowerInvariant() : string.Empty;
        if (scheme == "sip" || scheme == "sips")
        {
            secure = scheme == "sips";
            rest = input.Substring(colon + 1);
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                return "SIP URIs have no '//'; write " + scheme + ":host:port.";
            }

            var at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                rest = rest.Substring(at + 1);
            }
        }
        else if (scheme.Length > 0 && !scheme.All(char.IsDigit) && (input.IndexOf("//", StringComparison.Ordinal) > 0 || IsOtherScheme(scheme)))
        {
            return "the scheme '" + scheme + ":' is not sip: or sips:.";
        }

        if (rest.IndexOf('?') >= 0)
        {
            return "URI headers ('?…') are not supported; give the server only.";
        }

        TransportProtocol? transport = secure ? TransportProtocol.Tls : null;
        var semicolon = rest.IndexOf(';');
        if (semicolon >= 0)
        {
            var error = ParseParameters(rest.Substring(semicolon + 1), secure, ref transport);
            if (error != null)
            {
                return error;
            }

            rest = rest.Substring(0, semicolon);
        }

        var hostError = HostPortSyntax.Split(rest, out var host, out var portText) ?? HostPortSyntax.CheckHost(host);
        if (hostError != null)
        {
            return hostError;
        }

        int? port = null;
        if (portText != null)
        {
            if (!HostPortSyntax.TryParsePort(portText, out var value))
            {
                return "the port '" + portText + "' is not a number from 1 to 65535.";
            }

            port = value;
        }

        server = new SipServerAddress(input, host, port, transport, secure);
        return null;
    }

    /// <summary>URI parameters (RFC 3261 §19.1.1): <c>transport=</c> is read, others (<c>lr</c>, <c>user=phone</c> …) are allowed and ignored.</summary>
    private static string? ParseParameters(string parameters, bool secure, ref TransportProtocol? transport)
    {
        foreach (var parameter in parameters.Split(';'))
        {
            var equals = parameter.IndexOf('=');
            var name = (equals >= 0 ? parameter.Substring(0, equals) : parameter).Trim().ToLowerInvariant();
            if (name != "transport")
            {
                continue;
            }

            var value = equals >= 0 ? parameter.Substring(equals + 1).Trim().ToLowerInvariant() : string.Empty;
            TransportProtocol? named = value switch
            {
                "udp" => TransportProtocol.Udp,
                "tcp" => secure ? TransportProtocol.Tls : TransportProtocol.Tcp,
                "tls" => TransportProtocol.Tls,
                _ => null,
            };
            if (named is null)
            {
                return "transport '" + value + "' is not udp, tcp or tls (SCTP and WebSocket are not tested).";
            }

            if (secure && named == TransportProtocol.Udp)
            {
                return "a sips: URI needs TLS; transport=udp contradicts it (RFC 3261 §26.2.2).";
            }

            transport = named;
        }

        return null;
    }

    private static bool IsOtherScheme(string scheme) =>
        scheme is "stun" or "stuns" or "turn" or "turns" or "http" or "https" or "ws" or "wss" or "tel" or "tcp" or "udp";
}
