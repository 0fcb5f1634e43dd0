using System.IO;
using System.Net.Sockets;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Signaling;

/// <summary>WebSocket opcodes (RFC 6455 §5.2, §11.8).</summary>
internal enum WebSocketOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>One frame read from the server: control frames keep their payload, data frames only their length.</summary>
internal sealed class WebSocketFrame
{
    public WebSocketFrame(bool fin, WebSocketOpcode opcode, long length, byte[] payload)
    {
        Fin = fin;
        Opcode = opcode;
        Length = length;
        Payload = payload;
    }

    public bool Fin { get; }

    public WebSocketOpcode Opcode { get; }

    public long Length { get; }

    /// <summary>The payload of a control frame; empty for data frames, which are read and dropped.</summary>
    public byte[] Payload { get; }
}

/// <summary>
/// The framing of RFC 6455 §5 as a client sees it: frames it writes are masked with a fresh key
/// (§5.3); frames it reads must be unmasked (§5.1), with RSV bits clear (no extension was
/// negotiated, §5.2), known opcodes, control frames of at most 125 bytes and unfragmented (§5.5),
/// lengths in their shortest form (§5.2), continuations only inside a fragmented message (§5.4),
/// and data frames no larger than <see cref="MaxDataPayload"/>. Any breach is a
/// <see cref="FailureReason.ProtocolError"/> naming the section.
/// </summary>
internal static class WebSocketFrames
{
    /// <summary>The largest control frame payload (§5.5).</summary>
    public const int MaxControlPayload = 125;

    /// <summary>The largest data frame read (and dropped): Telnyx's JSON-RPC messages are far smaller.</summary>
    public const long MaxDataPayload = 16 * 1024 * 1024;

    /// <summary>A final, masked frame of <paramref name="opcode"/> with <paramref name="payload"/> and masking key <paramref name="mask"/> (4 bytes).</summary>
    public static byte[] Encode(WebSocketOpcode opcode, byte[] payload, byte[] mask)
    {
        var lengthBytes = payload.Length <= 125 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = (byte)(0x80 | (byte)opcode);
        var at = 2;
        if (lengthBytes == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (lengthBytes == 2)
        {
            frame[1] = 0x80 | 126;
            BigEndian.WriteUInt16(frame, 2, (ushort)payload.Length);
            at = 4;
        }
        else
        {
            frame[1] = 0x80 | 127;
            BigEndian.WriteUInt32(frame, 2, 0);
            BigEndian.WriteUInt32(frame, 6, (uint)payload.Length);
            at = 10;
        }

        Buffer.BlockCopy(mask, 0, frame, at, 4);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[at + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }

    /// <summary>A Close payload (§5.5.1): the status code, then the reason in UTF-8 (cut to fit 125 bytes).</summary>
    public static byte[] ClosePayload(int code, string reason)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var payload = new byte[2 + Math.Min(text.Length, MaxControlPayload - 2)];
        BigEndian.WriteUInt16(payload, 0, (ushort)code);
        Buffer.BlockCopy(text, 0, payload, 2, payload.Length - 2);
        return payload;
    }

    /// <summary>Reads frames from a server, in order, checking them as the class says.</summary>
    internal sealed class Reader
    {
        private readonly Stream _stream;
        private readonly byte[] _scratch = new byte[8192];
        private bool _inMessage;

        public Reader(Stream stream) => _stream = stream;

        /// <summary>
        /// The next frame. Throws <see cref="ProbeException"/>: ProtocolError for a breach of the
        /// framing rules, ClosedEarly when the stream ends or is reset.
        /// </summary>
        public async Task<WebSocketFrame> ReadAsync()
        {
            var header = new byte[2];
            await FillAsync(header, 2, atBoundary: true).ConfigureAwait(false);
            var fin = (header[0] & 0x80) != 0;
            if ((header[0] & 0x70) != 0)
            {
                throw Breach("the server set RSV bits (0x" + (header[0] & 0x70).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ") although no extension was negotiated (RFC 6455 §5.2)");
            }

            var code = (byte)(header[0] & 0x0F);
            if (code is > 0x2 and < 0x8 or > 0xA)
            {
                throw Breach("the server sent a frame with the reserved opcode 0x" + code.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + " (RFC 6455 §5.2)");
            }

            var opcode = (WebSocketOpcode)code;
            if ((header[1] & 0x80) != 0)
            {
                throw Breach("the server masked a frame; a server must not (RFC 6455 §5.1)");
            }

            var length = (long)(header[1] & 0x7F);
            if (length == 126)
            {
                var extended = new byte[2];
                await FillAsync(extended, 2, atBoundary: false).ConfigureAwait(false);
                length = BigEndian.ReadUInt16(extended, 0);
                if (length < 126)
                {
                    throw Breach("the server wrote a " + length + "-byte length in the 16-bit form; lengths take their shortest form (RFC 6455 §5.2)");
                }
            }
            else if (length == 127)
            {
                var extended = new byte[8];
                await FillAsync(extended, 8, atBoundary: false).ConfigureAwait(false);
                if ((extended[0] & 0x80) != 0)
                {
                    throw Breach("the server sent a 64-bit length with its most significant bit set (RFC 6455 §5.2)");
                }

                length = (long)BigEndian.ReadUInt64(extended, 0);
                if (length <= ushort.MaxValue)
                {
                    throw Breach("the server wrote a " + length + "-byte length in the 64-bit form; lengths take their shortest form (RFC 6455 §5.2)");
                }
            }

            var isControl = ((byte)opcode & 0x8) != 0;
            if (isControl && (!fin || length > MaxControlPayload))
            {
                throw Breach("the server sent a " + (fin ? length + "-byte" : "fragmented") + " " + opcode + " frame; control frames are whole and at most 125 bytes (RFC 6455 §5.5)");
            }

            if (!isControl)
            {
                CheckSequence(opcode, fin);
                if (length > MaxDataPayload)
                {
                    throw Breach("the server announced a " + length + "-byte frame; this test reads frames of at most " + MaxDataPayload / (1024 * 1024) + " MiB");
                }
            }

            var payload = isControl ? new byte[length] : Array.Empty<byte>();
            if (isControl)
            {
                await FillAsync(payload, (int)length, atBoundary: false).ConfigureAwait(false);
            }
            else
            {
                await SkipAsync(length).ConfigureAwait(false);
            }

            return new WebSocketFrame(fin, opcode, length, payload);
        }

        private void CheckSequence(WebSocketOpcode opcode, bool fin)
        {
            if (opcode == WebSocketOpcode.Continuation && !_inMessage)
            {
                throw Breach("the server sent a continuation frame outside a fragmented message (RFC 6455 §5.4)");
            }

            if (opcode != WebSocketOpcode.Continuation && _inMessage)
            {
                throw Breach("the server started a new " + opcode + " message inside a fragmented one (RFC 6455 §5.4)");
            }

            _inMessage = !fin;
        }

        private async Task SkipAsync(long count)
        {
            while (count > 0)
            {
                var chunk = (int)Math.Min(count, _scratch.Length);
                await FillAsync(_scratch, chunk, atBoundary: false).ConfigureAwait(false);
                count -= chunk;
            }
        }

        private async Task FillAsync(byte[] buffer, int count, bool atBoundary)
        {
            var offset = 0;
            while (offset < count)
            {
                int read;
                try
                {
                    read = await _stream.ReadAsync(buffer, offset, count - offset).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    var reset = ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset };
                    throw new ProbeException(FailureReason.ClosedEarly, reset ? "the connection was reset (TCP RST) without a Close frame" : "the connection failed without a Close frame (" + ex.Message + ")", ex);
                }

                if (read == 0)
                {
                    throw new ProbeException(FailureReason.ClosedEarly, atBoundary && offset == 0
                        ? "the connection ended (end of stream) without a Close frame"
                        : "the connection ended in the middle of a frame");
                }

                offset += read;
            }
        }

        private static ProbeException Breach(string what) => new(FailureReason.ProtocolError, what + ".");
    }
}
