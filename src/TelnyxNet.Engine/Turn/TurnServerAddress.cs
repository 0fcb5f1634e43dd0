using System.Net;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// One TURN server and transport to test. Users write a <c>turn:</c> / <c>turns:</c> URI
/// (RFC 7065 §3: <c>turn:host[:port][?transport=udp|tcp]</c>), or a plain <c>host</c>,
/// <c>host:port</c> or <c>[IPv6]:port</c>. Default ports: 3478, and 5349 for TLS (RFC 8656 §4).
/// </summary>
public sealed class TurnServerAddress
{
    /// <summary>Default port for TURN over UDP and TCP.</summary>
    public const int DefaultPort = 3478;

    /// <summary>Default port for TURN over TLS.</summary>
    public const int DefaultTlsPort = 5349;

    private static readonly TransportProtocol[] PlainHostTransports = { TransportProtocol.Udp, TransportProtocol.Tcp };

    private TurnServerAddress(string input, string host, int port, TransportProtocol transport, TurnCredential? credential = null)
    {
        Input = input;
        Host = host;
        Port = port;
        Transport = transport;
        Credential = credential;
    }

    /// <summary>The text as given.</summary>
    public string Input { get; }

    /// <summary>The host name or IP literal (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The transport of the connection to the server (the relayed leg is always UDP).</summary>
    public TransportProtocol Transport { get; }

    /// <summary>True when <see cref="Host"/> is an IP address rather than a name.</summary>
    public bool IsAddressLiteral => IPAddress.TryParse(Host, out _);

    /// <summary>This server's own credential (from its <c>iceServers</c> entry), used instead of the test's; null when it has none.</summary>
    public TurnCredential? Credential { get; }

    /// <summary>The same server with its own credential.</summary>
    public TurnServerAddress WithCredential(TurnCredential credential) =>
        new(Input, Host, Port, Transport, credential ?? throw new ArgumentNullException(nameof(credential)));

    /// <summary>
    /// Parses <paramref name="text"/> into the servers to test, filtered by
    /// <paramref name="transports"/> (null or empty: no filter).
    /// <list type="bullet">
    /// <item>A URI with <c>?transport=</c>, and every <c>turns:</c> URI, names one transport; when the filter leaves it out, that is a <see cref="ServerInputErrorKind.TransportConflict"/>.</item>
    /// <item>A <c>turn:</c> URI without <c>?transport=</c> means UDP (RFC 7065 §3) unless the filter names other transports, which it then gets.</item>
    /// <item>A plain host is tested over UDP and TCP, or over the transports of the filter.</item>
    /// </list>
    /// Returns false with a message that names the value and says what is wrong.
    /// </summary>
    public static bool TryParse(string? text, IReadOnlyCollection<TransportProtocol>? transports, out IReadOnlyList<TurnServerAddress> servers, out ServerInputError? problem)
    {
        servers = Array.Empty<TurnServerAddress>();
        problem = null;
        var input = text?.Trim() ?? string.Empty;
        var kind = ServerInputErrorKind.Invalid;
        var error = Parse(input, transports is { Count: > 0 } ? transports : null, ref kind, out var parsed);
        if (error != null)
        {
            problem = new ServerInputError(kind, "'" + (text ?? string.Empty) + "' is not a valid TURN server: " + error);
            return false;
        }

        servers = parsed;
        return true;
    }

    /// <summary>Creates a server from parts already known to be valid (the endpoint catalog).</summary>
    public static TurnServerAddress Create(string host, int port, TransportProtocol transport)
    {
        var error = HostPortSyntax.CheckHost(host);
        if (error != null || port < 1 || port > 65535)
        {
            throw new ArgumentException("Not a valid TURN server: " + host + ":" + port + " (" + (error ?? "port out of range") + ")");
        }

        return new TurnServerAddress(HostPortSyntax.Format(host, port), host, port, transport);
    }

    /// <summary>The canonical RFC 7065 form, e.g. <c>turn:turn.telnyx.com:3478?transport=udp</c>.</summary>
    public override string ToString() => Transport switch
    {
        TransportProtocol.Tls => "turns:" + HostPortSyntax.Format(Host, Port) + "?transport=tcp",
        TransportProtocol.Tcp => "turn:" + HostPortSyntax.Format(Host, Port) + "?transport=tcp",
        _ => "turn:" + HostPortSyntax.Format(Host, Port) + "?transport=udp",
    };

    private static string? Parse(string input, IReadOnlyCollection<TransportProtocol>? filter, ref ServerInputErrorKind kind, out IReadOnlyList<TurnServerAddress> servers)
    {
        servers = Array.Empty<TurnServerAddress>();
        if (input.Length == 0)
        {
            return "the value is empty.";
        }

        var colon = input.IndexOf(':');
        var scheme = colon > 0 ? input.Substring(0, colon).ToLowerInvariant() : string.Empty;
        IReadOnlyList<TransportProtocol> chosen;
        var rest = input;
        if (scheme == "turn" || scheme == "turns")
        {
            rest = input.Substring(colon + 1);
            var error = ParseUri(scheme, ref rest, filter, ref kind, out chosen);
            if (error != null)
            {
                return error;
            }

            if (chosen.Count == 0)
            {
                kind = ServerInputErrorKind.TransportConflict;
                return "the URI names " + NamedTransport(scheme, input) + ", but the transports asked for are " + string.Join(", ", filter!) + "; drop -Transport (--transport) or change the URI.";
            }
        }
        else if (scheme.Length > 0 && !scheme.All(char.IsDigit) && (input.IndexOf("//", StringComparison.Ordinal) > 0 || IsOtherScheme(scheme)))
        {
            return "the scheme '" + scheme + ":' is not turn: or turns:" + (scheme.StartsWith("stun", StringComparison.Ordinal) ? " (STUN servers are tested by Test-TelnyxStun)." : ".");
        }
        else if (input.IndexOf('?') >= 0)
        {
            return "only turn: and turns: URIs take a ?transport= query; choose the transport of a plain host with -Transport.";
        }
        else
        {
            chosen = filter?.ToList() ?? (IReadOnlyList<TransportProtocol>)PlainHostTransports;
        }

        var hostError = HostPortSyntax.Split(rest, out var host, out var portText) ?? HostPortSyntax.CheckHost(host);
        if (hostError != null)
        {
            return hostError;
        }

        var explicitPort = 0;
        if (portText != null && !HostPortSyntax.TryParsePort(portText, out explicitPort))
        {
            return "the port '" + portText + "' is not a number from 1 to 65535.";
        }

        servers = chosen
            .Distinct()
            .OrderBy(t => t)
            .Select(t => new TurnServerAddress(input, host, explicitPort != 0 ? explicitPort : t == TransportProtocol.Tls ? DefaultTlsPort : DefaultPort, t))
            .ToList();
        return null;
    }

    /// <summary>RFC 7065 §3: <c>turn:</c>/<c>turns:</c>, no authority (<c>//</c>), an optional <c>?transport=udp|tcp</c>.</summary>
    private static string? ParseUri(string scheme, ref string rest, IReadOnlyCollection<TransportProtocol>? filter, ref ServerInputErrorKind kind, out IReadOnlyList<TransportProtocol> chosen)
    {
        chosen = Array.Empty<TransportProtocol>();
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            return "RFC 7065 URIs have no '//'; write " + scheme + ":host:port.";
        }

        string? transport = null;
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            var query = rest.Substring(question + 1);
            rest = rest.Substring(0, question);
            const string Key = "transport=";
            if (!query.StartsWith(Key, StringComparison.OrdinalIgnoreCase) || query.IndexOf('&') >= 0)
            {
                return "the only query RFC 7065 defines is ?transport=udp or ?transport=tcp.";
            }

            transport = query.Substring(Key.Length).ToLowerInvariant();
            if (transport != "udp" && transport != "tcp")
            {
                return "transport '" + transport + "' is not udp or tcp.";
            }
        }

        if (scheme == "turns")
        {
            if (transport == "udp")
            {
                return "turns: with transport=udp means DTLS, which is not supported; use turns:host:port (TLS over TCP) or turn:host:port?transport=udp.";
            }

            chosen = Keep(TransportProtocol.Tls, filter);
            return null;
        }

        if (transport != null)
        {
            chosen = Keep(transport == "tcp" ? TransportProtocol.Tcp : TransportProtocol.Udp, filter);
            return null;
        }

        if (filter is null)
        {
            chosen = new[] { TransportProtocol.Udp };
            return null;
        }

        if (filter.Contains(TransportProtocol.Tls) && filter.All(t => t == TransportProtocol.Tls))
        {
            kind = ServerInputErrorKind.TransportConflict;
            return "a turn: URI is plain TURN, but the transport asked for is Tls; write turns: for TURN over TLS.";
        }

        chosen = filter.Where(t => t != TransportProtocol.Tls).ToList();
        return null;
    }

    private static string NamedTransport(string scheme, string input) =>
        scheme == "turns" ? "TLS (turns:)" : input.IndexOf("transport=tcp", StringComparison.OrdinalIgnoreCase) >= 0 ? "TCP (?transport=tcp)" : "UDP (?transport=udp)";

    private static IReadOnlyList<TransportProtocol> Keep(TransportProtocol transport, IReadOnlyCollection<TransportProtocol>? filter) =>
        filter is null || filter.Contains(transport) ? new[] { transport } : Array.Empty<TransportProtocol>();

    private static bool IsOtherScheme(string scheme) =>
        scheme is "stun" or "stuns" or "http" or "https" or "ws" or "wss" or "sip" or "sips" or "tcp" or "udp";
}
