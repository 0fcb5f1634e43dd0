using System.Buffers.Binary;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// Writes and walks STUN bytes by hand (RFC 8489 §5, §14), independently of the engine's encoder,
/// so that tests can build exactly the malformed or unusual messages they need.
/// </summary>
internal static class RawStun
{
    public const ushort BindingRequest = 0x0001;
    public const ushort BindingSuccess = 0x0101;

    /// <summary>A fixed transaction id for hand-built messages.</summary>
    public static readonly byte[] SampleTransactionId = Convert.FromHexString("0102030405060708090a0b0c");

    /// <summary>Header plus attributes, each padded with zeros, with the correct length field.</summary>
    public static byte[] Message(ushort messageType, params (ushort Type, byte[] Value)[] attributes) =>
        Message(messageType, SampleTransactionId, attributes);

    /// <summary>Header plus attributes, each padded with zeros, with the correct length field.</summary>
    public static byte[] Message(ushort messageType, byte[] transactionId, params (ushort Type, byte[] Value)[] attributes)
    {
        var body = attributes.SelectMany(a => Attribute(a.Type, a.Value)).ToArray();
        return Concat(Header(messageType, body.Length, transactionId), body);
    }

    /// <summary>The 20-byte header.</summary>
    public static byte[] Header(ushort messageType, int bodyLength, byte[] transactionId)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, messageType);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)bodyLength);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), StunMessage.MagicCookie);
        transactionId.CopyTo(header, 8);
        return header;
    }

    /// <summary>One attribute: type, length, value, zero padding to a multiple of four.</summary>
    public static byte[] Attribute(ushort type, byte[] value)
    {
        var bytes = new byte[4 + ((value.Length + 3) & ~3)];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, type);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)value.Length);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static ushort ReadUInt16(byte[] buffer, int offset) => BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset));

    public static void WriteUInt16(byte[] buffer, int offset, int value) =>
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), (ushort)value);

    /// <summary>Sets the header length field to the bytes after the header.</summary>
    public static byte[] FixLength(byte[] message)
    {
        WriteUInt16(message, 2, message.Length - 20);
        return message;
    }

    /// <summary>
    /// The attribute headers of <paramref name="message"/>, walked leniently from byte 20 until
    /// one does not fit: offset, type and declared value length of each.
    /// </summary>
    public static List<(int Offset, ushort Type, int Length)> Walk(byte[] message)
    {
        var found = new List<(int, ushort, int)>();
        var position = 20;
        while (position + 4 <= message.Length)
        {
            var length = ReadUInt16(message, position + 2);
            found.Add((position, ReadUInt16(message, position), length));
            position += 4 + ((length + 3) & ~3);
        }

        return found;
    }

    /// <summary>The value bytes and the offset of the attribute of <paramref name="type"/> in an encoded message.</summary>
    public static (int Offset, byte[] Value) Find(byte[] message, ushort type)
    {
        var (offset, _, length) = Walk(message).First(a => a.Type == type);
        return (offset, message.AsSpan(offset + 4, length).ToArray());
    }
}
