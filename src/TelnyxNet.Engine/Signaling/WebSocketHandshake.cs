using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// The opening handshake of RFC 6455 §4: the client's GET with Upgrade, a fresh
/// Sec-WebSocket-Key and version 13, and the checks of §4.1 on the answer: 101, Upgrade: websocket,
/// Connection: Upgrade, Sec-WebSocket-Accept = base64(SHA-1(key + GUID)), no extension and no
/// subprotocol that was not asked for.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>The GUID of RFC 6455 §1.3.</summary>
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A new Sec-WebSocket-Key: 16 random bytes, base64 (§4.1 point 7).</summary>
    public static string NewKey()
    {
        var nonce = new byte[16];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(nonce);
        }

        return Convert.ToBase64String(nonce);
    }

    /// <summary>The Sec-WebSocket-Accept a server must answer <paramref name="key"/> with (§4.2.2 point 5.4).</summary>
    public static string AcceptFor(string key)
    {
        using var sha1 = SHA1.Create();
        return Convert.ToBase64String(sha1.ComputeHash(Encoding.ASCII.GetBytes(key + AcceptGuid)));
    }

    /// <summary>The request bytes for <paramref name="target"/>.</summary>
    public static byte[] Request(SignalingTarget target, string key, string subProtocol, string userAgent)
    {
        var request = new StringBuilder()
            .Append("GET ").Append(target.Resource).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(target.HostAndPort(defaultPortOmitted: true)).Append("\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Connection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n")
            .Append("User-Agent: ").Append(userAgent).Append("\r\n");
        if (subProtocol.Length > 0)
        {
            request.Append("Sec-WebSocket-Protocol: ").Append(subProtocol).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }

    /// <summary>Checks the answer (§4.1, the client's requirements 1 to 6); throws <see cref="ProbeException"/> when it is not an accepted upgrade.</summary>
    public static void Check(HttpResponseHead head, string key, string subProtocol, string peer)
    {
        var answeredBy = ProxyTunnel.AnsweredBy(head);
        if (head.Status != 101)
        {
            var via = head.Value("Via") != null ? " A proxy on the path answered for the server (" + answeredBy + ")." : answeredBy.Length > 0 ? " (" + answeredBy + ")" : string.Empty;
            throw new ProbeException(FailureReason.UpgradeRejected, peer + " refused the WebSocket upgrade: " + head.StatusLine + "." + via) { ErrorCode = head.Status, ErrorReason = head.Reason };
        }

        if (!string.Equals(head.Value("Upgrade")?.Trim(), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            throw Broken(peer, "its Upgrade field is '" + (head.Value("Upgrade") ?? "(missing)") + "', not 'websocket' (§4.1 point 2)");
        }

        if (!(head.Value("Connection") ?? string.Empty).Split(',').Any(t => string.Equals(t.Trim(), "Upgrade", StringComparison.OrdinalIgnoreCase)))
        {
            throw Broken(peer, "its Connection field is '" + (head.Value("Connection") ?? "(missing)") + "', without 'Upgrade' (§4.1 point 3)");
        }

        var accept = head.Value("Sec-WebSocket-Accept")?.Trim();
        if (accept != AcceptFor(key))
        {
            throw Broken(peer, accept is null ? "it carries no Sec-WebSocket-Accept (§4.1 point 4)" : "its Sec-WebSocket-Accept '" + accept + "' does not answer this request's key (§4.1 point 4): something on the path answered for the server");
        }

        if (head.Value("Sec-WebSocket-Extensions") is string extensions)
        {
            throw Broken(peer, "it uses the extension '" + extensions + "', which this client did not offer (§4.1 point 5)");
        }

        var protocol = head.Value("Sec-WebSocket-Protocol")?.Trim();
        if (subProtocol.Length == 0 && protocol != null)
        {
            throw Broken(peer, "it chose the subprotocol '" + protocol + "', which this client did not ask for (§4.1 point 6)");
        }

        if (subProtocol.Length > 0 && !string.Equals(protocol, subProtocol, StringComparison.OrdinalIgnoreCase))
        {
            throw Broken(peer, "it did not accept the subprotocol '" + subProtocol + "' (Sec-WebSocket-Protocol: " + (protocol ?? "(missing)") + ")");
        }
    }

    private static ProbeException Broken(string peer, string what) =>
        new(FailureReason.ProtocolError, peer + " answered 101 Switching Protocols, but " + what + ".");
}
