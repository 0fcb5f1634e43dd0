using System.Text;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// What a WebSocket server (RFC 6455) sends, valid and hostile, for the hostile servers: answers to
/// the upgrade request (§4.2.2) made from its bytes, and server frames (§5.2, unmasked unless a
/// case breaks that rule). Broken frames the tables spell out byte by byte, so each case shows the
/// rule it breaks.
/// </summary>
internal static class WebSocketAnswers
{
    /// <summary>RFC 6455 §1.3's sample accept value: the answer to another request's key.</summary>
    public const string OtherAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /// <summary>The Sec-WebSocket-Key of an upgrade request.</summary>
    public static string KeyOf(byte[] request) =>
        Encoding.Latin1.GetString(request).Split("\r\n").Where(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase)).Select(l => l.Substring(18).Trim()).Single();

    /// <summary>101 Switching Protocols with the Sec-WebSocket-Accept that answers the request's key.</summary>
    public static byte[] Upgrade(byte[] request) => UpgradeWith(string.Empty)(request);

    /// <summary>A valid 101 with the header lines <paramref name="extra"/> (each ending in CRLF) added.</summary>
    public static Func<byte[], byte[]> UpgradeWith(string extra) => request =>
        Head("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketHandshake.AcceptFor(KeyOf(request)) + "\r\n" + extra);

    /// <summary>101 whose Sec-WebSocket-Accept answers another key: something on the path answered for the server.</summary>
    public static byte[] WrongAccept(byte[] request) => Head("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + OtherAccept + "\r\n");

    /// <summary>101 without the Upgrade field.</summary>
    public static byte[] WithoutUpgradeField(byte[] request) => Head("Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketHandshake.AcceptFor(KeyOf(request)) + "\r\n");

    /// <summary>The valid 101 followed by <paramref name="frames"/> in the same write (they arrive with the head).</summary>
    public static Func<byte[], byte[]> UpgradeAnd(params byte[][] frames) => request => Upgrade(request).Concat(frames.SelectMany(f => f)).ToArray();

    /// <summary>An unmasked server frame of <paramref name="opcode"/> with <paramref name="payload"/>, its length in the shortest form (§5.2).</summary>
    public static byte[] Frame(WebSocketOpcode opcode, byte[] payload, bool fin = true)
    {
        var length = payload.Length < 126 ? new[] { (byte)payload.Length }
            : payload.Length <= ushort.MaxValue ? new byte[] { 126, (byte)(payload.Length >> 8), (byte)payload.Length }
            : new byte[] { 127, 0, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length };
        return new[] { (byte)((fin ? 0x80 : 0) | (byte)opcode) }.Concat(length).Concat(payload).ToArray();
    }

    /// <summary>A text message.</summary>
    public static byte[] Text(string text) => Frame(WebSocketOpcode.Text, Encoding.UTF8.GetBytes(text));

    /// <summary>A binary message of <paramref name="length"/> junk bytes.</summary>
    public static byte[] Junk(int length) => Frame(WebSocketOpcode.Binary, Enumerable.Repeat((byte)0xA5, length).ToArray());

    /// <summary>A Close with <paramref name="code"/> (§5.5.1).</summary>
    public static byte[] Close(int code) => Frame(WebSocketOpcode.Close, new[] { (byte)(code >> 8), (byte)code });

    /// <summary>A Ping of the server's own (§5.5.2).</summary>
    public static byte[] Ping(byte[] request) => Frame(WebSocketOpcode.Ping, Encoding.ASCII.GetBytes("server"));

    /// <summary>
    /// Reads one client frame (§5.2: masked, lengths in any form) and returns its opcode and
    /// unmasked payload, or null when the client ended the connection.
    /// </summary>
    public static async Task<(WebSocketOpcode Opcode, byte[] Payload)?> ReadClientFrameAsync(StreamExchange exchange)
    {
        if (await exchange.ReadExactAsync(2) is not byte[] header)
        {
            return null;
        }

        var length = (long)(header[1] & 0x7F);
        if (length >= 126)
        {
            if (await exchange.ReadExactAsync(length == 126 ? 2 : 8) is not byte[] extended)
            {
                return null;
            }

            length = extended.Aggregate(0L, (sum, b) => (sum << 8) | b);
        }

        var mask = (header[1] & 0x80) != 0 ? await exchange.ReadExactAsync(4) : new byte[4];
        if (mask is null || await exchange.ReadExactAsync((int)length) is not byte[] payload)
        {
            return null;
        }

        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] ^= mask[i % 4];
        }

        return ((WebSocketOpcode)(header[0] & 0x0F), payload);
    }

    private static byte[] Head(string fields) => Encoding.Latin1.GetBytes("HTTP/1.1 101 Switching Protocols\r\n" + fields + "\r\n");
}
