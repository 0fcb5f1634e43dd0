using System.Net;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// A STUN server as the user wrote it: <c>host</c>, <c>host:port</c>, <c>[IPv6]:port</c>, a bare
/// IPv6 literal, or a <c>stun:</c> / <c>stuns:</c> URI (RFC 7064 §3.1). The default port is 3478,
/// or 5349 for TLS (RFC 8489 §6.2.3).
/// </summary>
public sealed class StunServerAddress
{
    /// <summary>Default port for STUN over UDP and TCP.</summary>
    public const int DefaultPort = 3478;

    /// <summary>Default port for STUN over TLS.</summary>
    public const int DefaultTlsPort = 5349;

    private StunServerAddress(string input, string host, int port, TransportProtocol transport)
    {
        Input = input;
        Host = host;
        Port = port;
        Transport = transport;
    }

    /// <summary>The text as given.</summary>
    public string Input { get; }

    /// <summary>The host name or IP literal (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The transport.</summary>
    public TransportProtocol Transport { get; }

    /// <summary>True when <see cref="Host"/> is an IP address rather than a name.</summary>
    public bool IsAddressLiteral => IPAddress.TryParse(Host, out _);

    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="transport"/> applies to plain hosts and
    /// <c>stun:</c> URIs; <c>stuns:</c> always means TLS. Returns false with a message that names
    /// the value and says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, TransportProtocol transport, out StunServerAddress? server, out string? error)
    {
        var parsed = TryParse(text, transport, explicitTransport: false, out server, out var problem);
        error = problem?.Message;
        return parsed;
    }

    /// <summary>
    /// Parses <paramref name="text"/> for a test over <paramref name="transport"/>. When
    /// <paramref name="explicitTransport"/> is true (the user chose the transport), a URI that
    /// names another one (<c>stuns:</c> with UDP or TCP, <c>stun:</c> with TLS) is a
    /// <see cref="ServerInputErrorKind.TransportConflict"/>; otherwise <c>stuns:</c> means TLS.
    /// </summary>
    public static bool TryParse(string? text, TransportProtocol transport, bool explicitTransport, out StunServerAddress? server, out ServerInputError? problem)
    {
        server = null;
        problem = null;
        var input = text?.Trim() ?? string.Empty;
        var kind = ServerInputErrorKind.Invalid;
        var error = Parse(input, transport, explicitTransport, ref kind, ref server);
        if (error != null)
        {
            problem = new ServerInputError(kind, "'" + (text ?? string.Empty) + "' is not a valid STUN server: " + error);
        }

        return error is null;
    }

    /// <summary>Creates a server from parts already known to be valid (the endpoint catalog).</summary>
    public static StunServerAddress Create(string host, int port, TransportProtocol transport) =>
        TryParse(FormatHostPort(host, port), transport, out var server, out var error)
            ? server!
            : throw new ArgumentException(error);

    /// <summary><c>host:port</c>, with brackets around IPv6 literals.</summary>
    public static string FormatHostPort(string host, int port) => HostPortSyntax.Format(host, port);

    /// <summary>The canonical <c>stun:</c> or <c>stuns:</c> form.</summary>
    public override string ToString() => (Transport == TransportProtocol.Tls ? "stuns:" : "stun:") + FormatHostPort(Host, Port);

    private static string? Parse(string input, TransportProtocol transport, bool explicitTransport, ref ServerInputErrorKind kind, ref StunServerAddress? server)
    {
        if (input.Length == 0)
        {
            return "the value is empty.";
        }

        var rest = input;
        var colon = input.IndexOf(':');
        var scheme = colon > 0 ? input.Substring(0, colon).ToLowerInvariant() : string.Empty;
        if (scheme == "stun" || scheme == "stuns")
        {
            rest = input.Substring(colon + 1);
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                return "RFC 7064 URIs have no '//'; write " + scheme + ":host:port.";
            }

            if (rest.IndexOf('?') >= 0)
            {
                return "RFC 7064 " + scheme + ": URIs take no query such as ?transport=; choose the transport with -Transport.";
            }

            if (scheme == "stuns")
            {
                if (explicitTransport && transport != TransportProtocol.Tls)
                {
                    kind = ServerInputErrorKind.TransportConflict;
                    return "a stuns: URI is STUN over TLS, but the transport asked for is " + transport + "; drop -Transport or write stun:.";
                }

                transport = TransportProtocol.Tls;
            }
            else if (transport == TransportProtocol.Tls)
            {
                kind = ServerInputErrorKind.TransportConflict;
                return "a stun: URI is plain STUN, but the transport asked for is Tls; write stuns: for STUN over TLS.";
            }
        }
        else if (scheme.Length > 0 && !scheme.All(char.IsDigit) && (input.IndexOf("//", StringComparison.Ordinal) > 0 || IsKnownOtherScheme(scheme)))
        {
            return "the scheme '" + scheme + ":' is not stun: or stuns:" + (scheme.StartsWith("turn", StringComparison.Ordinal) ? " (TURN servers are tested by Test-TelnyxTurn)." : ".");
        }

        var error = HostPortSyntax.Split(rest, out var host, out var portText);
        if (error != null)
        {
            return error;
        }

        var port = transport == TransportProtocol.Tls ? DefaultTlsPort : DefaultPort;
        if (portText != null && !HostPortSyntax.TryParsePort(portText, out port))
        {
            return "the port '" + portText + "' is not a number from 1 to 65535.";
        }

        error = HostPortSyntax.CheckHost(host);
        if (error != null)
        {
            return error;
        }

        server = new StunServerAddress(input, host, port, transport);
        return null;
    }

    private static bool IsKnownOtherScheme(string scheme) =>
        scheme is "turn" or "turns" or "http" or "https" or "ws" or "wss" or "sip" or "sips" or "tcp" or "udp";
}
