using System.Security.Cryptography;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Media;

/// <summary>
/// The stream a media path test sends: RTP (RFC 3550 §5.1) carrying PCMU (G.711 μ-law, RFC 3551
/// §4.5.14: payload type 0, 8000 Hz) in packets of 20 ms, 160 bytes of payload each, 50 a second,
/// as a G.711 call does; the payload is μ-law digital silence (0xFF), what a muted microphone sends.
/// SSRC, first sequence number and first timestamp are random (RFC 3550 §5.1), so that packets of
/// another stream, an earlier run or a forger are told apart: a packet belongs to the stream only
/// when its header, sequence number, timestamp and payload are exactly what this stream sent.
/// </summary>
internal sealed class PcmuStream
{
    /// <summary>The fixed RTP header (RFC 3550 §5.1), without CSRCs or extensions.</summary>
    public const int HeaderLength = 12;

    /// <summary>PCMU's static payload type (RFC 3551 §6, table 4).</summary>
    public const byte PayloadType = 0;

    /// <summary>Bytes of payload per packet: 20 ms at 8000 samples/s, one byte a sample.</summary>
    public const int PayloadLength = 160;

    /// <summary>A whole packet.</summary>
    public const int PacketLength = HeaderLength + PayloadLength;

    /// <summary>Packets per second.</summary>
    public const int PacketsPerSecond = 50;

    /// <summary>The codec's name, as SDP writes it.</summary>
    public const string Codec = "PCMU";

    /// <summary>RTP version 2, no padding, no extension, no CSRC (RFC 3550 §5.1).</summary>
    private const byte FirstByte = 0x80;

    /// <summary>The marker bit: set on the first packet of a talkspurt (RFC 3551 §4.1).</summary>
    private const byte Marker = 0x80;

    /// <summary>μ-law's code for a zero sample.</summary>
    private const byte Silence = 0xFF;

    private readonly ushort _firstSequence;
    private readonly uint _firstTimestamp;

    public PcmuStream(uint ssrc, ushort firstSequence, uint firstTimestamp, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A stream has at least one packet.");
        }

        Ssrc = ssrc;
        _firstSequence = firstSequence;
        _firstTimestamp = firstTimestamp;
        Count = count;
    }

    /// <summary>The time between packets (RFC 3551 §4.2's default packetization for PCMU).</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The synchronization source.</summary>
    public uint Ssrc { get; }

    /// <summary>How many packets the stream has.</summary>
    public int Count { get; }

    /// <summary>A stream of <paramref name="count"/> packets with a random SSRC, first sequence number and first timestamp.</summary>
    public static PcmuStream Random(int count)
    {
        var bytes = new byte[10];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return new PcmuStream(BigEndian.ReadUInt32(bytes, 0), BigEndian.ReadUInt16(bytes, 4), BigEndian.ReadUInt32(bytes, 6), count);
    }

    /// <summary>Packet <paramref name="index"/> (0-based): sequence number and timestamp advance by 1 and 160 per packet.</summary>
    public byte[] Packet(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "No such packet in the stream.");
        }

        var packet = new byte[PacketLength];
        packet[0] = FirstByte;
        packet[1] = (byte)((index == 0 ? Marker : 0) | PayloadType);
        BigEndian.WriteUInt16(packet, 2, (ushort)(_firstSequence + index));
        BigEndian.WriteUInt32(packet, 4, unchecked(_firstTimestamp + ((uint)index * PayloadLength)));
        BigEndian.WriteUInt32(packet, 8, Ssrc);
        for (var i = HeaderLength; i < packet.Length; i++)
        {
            packet[i] = Silence;
        }

        return packet;
    }

    /// <summary>
    /// Which packet of this stream <paramref name="data"/> is: false for anything else (another
    /// length, version, payload type or SSRC, a timestamp or sequence number this stream never
    /// sent, an altered payload). Never throws.
    /// </summary>
    public bool TryIndex(byte[]? data, out int index)
    {
        index = -1;
        if (data is null || data.Length != PacketLength || data[0] != FirstByte || (data[1] & 0x7F) != PayloadType || BigEndian.ReadUInt32(data, 8) != Ssrc)
        {
            return false;
        }

        var ticks = unchecked(BigEndian.ReadUInt32(data, 4) - _firstTimestamp);
        if (ticks % PayloadLength != 0 || ticks / PayloadLength >= (uint)Count)
        {
            return false;
        }

        var candidate = (int)(ticks / PayloadLength);
        if (BigEndian.ReadUInt16(data, 2) != (ushort)(_firstSequence + candidate) || ((data[1] & Marker) != 0) != (candidate == 0))
        {
            return false;
        }

        for (var i = HeaderLength; i < data.Length; i++)
        {
            if (data[i] != Silence)
            {
                return false;
            }
        }

        index = candidate;
        return true;
    }
}
