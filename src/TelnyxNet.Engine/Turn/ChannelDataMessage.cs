using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// A TURN ChannelData message (RFC 8656 §12.4): a 2-byte channel number, a 2-byte length and the
/// application data, without a STUN header. Over TCP and TLS the frame is padded to a multiple of
/// four bytes (§12.5); over UDP padding is optional and ignored on receipt.
/// </summary>
public sealed class ChannelDataMessage
{
    /// <summary>The lowest channel number (RFC 8656 §12).</summary>
    public const ushort MinChannel = 0x4000;

    /// <summary>The highest channel number a client may bind (RFC 8656 §12; RFC 5766 allowed up to 0x7FFF).</summary>
    public const ushort MaxChannel = 0x4FFF;

    private const int HeaderLength = 4;
    private readonly byte[] _data;

    /// <summary>Creates a message for <paramref name="channel"/> (0x4000–0x4FFF) carrying <paramref name="data"/> (at most 65535 bytes).</summary>
    public ChannelDataMessage(ushort channel, byte[] data)
        : this((byte[])Checked(data).Clone(), CheckedChannel(channel))
    {
    }

    private ChannelDataMessage(byte[] ownedData, ushort channel)
    {
        Channel = channel;
        _data = ownedData;
    }

    /// <summary>The channel number.</summary>
    public ushort Channel { get; }

    /// <summary>The application data.</summary>
    public byte[] GetData() => (byte[])_data.Clone();

    /// <summary>
    /// Decodes <paramref name="count"/> bytes at <paramref name="offset"/>: the first two bits must
    /// be 01 and the length must fit; bytes after the data (padding) are ignored. Never throws.
    /// Accepts 0x4000–0x7FFF so that RFC 5766 servers are understood.
    /// </summary>
    public static bool TryDecode(byte[]? buffer, int offset, int count, out ChannelDataMessage? message)
    {
        message = null;
        if (buffer is null || offset < 0 || count < HeaderLength || (long)offset + count > buffer.Length || (buffer[offset] & 0xC0) != 0x40)
        {
            return false;
        }

        var length = BigEndian.ReadUInt16(buffer, offset + 2);
        if (HeaderLength + length > count)
        {
            return false;
        }

        var data = new byte[length];
        Buffer.BlockCopy(buffer, offset + HeaderLength, data, 0, length);
        message = new ChannelDataMessage(data, BigEndian.ReadUInt16(buffer, offset));
        return true;
    }

    /// <summary>The frame; with <paramref name="padToFour"/> (TCP and TLS) zero-padded to a multiple of four bytes.</summary>
    public byte[] Encode(bool padToFour)
    {
        var length = HeaderLength + _data.Length;
        var frame = new byte[padToFour ? (length + 3) & ~3 : length];
        BigEndian.WriteUInt16(frame, 0, Channel);
        BigEndian.WriteUInt16(frame, 2, (ushort)_data.Length);
        Buffer.BlockCopy(_data, 0, frame, HeaderLength, _data.Length);
        return frame;
    }

    private static byte[] Checked(byte[] data) =>
        data is null || data.Length > ushort.MaxValue ? throw new ArgumentException("ChannelData carries 0 to 65535 bytes.", nameof(data)) : data;

    private static ushort CheckedChannel(ushort channel) =>
        channel < MinChannel || channel > MaxChannel
            ? throw new ArgumentOutOfRangeException(nameof(channel), channel, "A channel number is 0x4000 to 0x4FFF (RFC 8656 §12).")
            : channel;
}
