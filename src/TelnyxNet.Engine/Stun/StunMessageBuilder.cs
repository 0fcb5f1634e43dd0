using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// Builds and encodes a STUN message: header, attributes in the order added, then
/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT computed over the bytes before
/// them, in that order, FINGERPRINT always last (RFC 8489 §14.5-14.7).
/// </summary>
public sealed class StunMessageBuilder
{
    private readonly List<StunAttribute> _attributes = new();
    private byte[]? _sha1Key;
    private byte[]? _sha256Key;
    private int _sha256Length;
    private bool _fingerprint;

    /// <summary>Starts a message with a new random transaction id.</summary>
    public StunMessageBuilder(StunMethod method, StunClass stunClass)
        : this(method, stunClass, TransactionId.NewRandom())
    {
    }

    /// <summary>Starts a message with the given transaction id.</summary>
    public StunMessageBuilder(StunMethod method, StunClass stunClass, TransactionId transactionId)
    {
        Method = method;
        Class = stunClass;
        TransactionId = transactionId;
    }

    /// <summary>The method.</summary>
    public StunMethod Method { get; }

    /// <summary>The class.</summary>
    public StunClass Class { get; }

    /// <summary>The transaction id.</summary>
    public TransactionId TransactionId { get; }

    /// <summary>
    /// The byte used to pad attribute values to a multiple of four. RFC 8489 §14 lets it be any
    /// value; 0 by default (RFC 5769's first three vectors use 0x20).
    /// </summary>
    public byte PaddingByte { get; set; }

    /// <summary>Appends an attribute.</summary>
    public StunMessageBuilder Add(StunAttribute attribute)
    {
        _attributes.Add(attribute ?? throw new ArgumentNullException(nameof(attribute)));
        return this;
    }

    /// <summary>Appends MESSAGE-INTEGRITY (HMAC-SHA1) keyed with <paramref name="key"/> (see <see cref="StunCredentials"/>).</summary>
    public StunMessageBuilder AddMessageIntegrity(byte[] key)
    {
        _sha1Key = (byte[])(key ?? throw new ArgumentNullException(nameof(key))).Clone();
        return this;
    }

    /// <summary>Appends MESSAGE-INTEGRITY-SHA256 keyed with <paramref name="key"/>, truncated to <paramref name="length"/> bytes.</summary>
    public StunMessageBuilder AddMessageIntegritySha256(byte[] key, int length = 32)
    {
        var error = StunMessageIntegrityAttribute.CheckLength(StunAttributeType.MessageIntegritySha256, length);
        if (error != null)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, error);
        }

        _sha256Key = (byte[])(key ?? throw new ArgumentNullException(nameof(key))).Clone();
        _sha256Length = length;
        return this;
    }

    /// <summary>Appends FINGERPRINT as the last attribute.</summary>
    public StunMessageBuilder AddFingerprint()
    {
        _fingerprint = true;
        return this;
    }

    /// <summary>Encodes the message.</summary>
    public byte[] Encode()
    {
        var writer = new ByteWriter();
        writer.WriteUInt16(StunMessageType.Encode(Method, Class));
        writer.WriteUInt16(0);
        writer.WriteUInt32(StunMessage.MagicCookie);
        var id = new byte[TransactionId.Length];
        TransactionId.CopyTo(id, 0);
        writer.WriteBytes(id);

        foreach (var attribute in _attributes)
        {
            WriteAttribute(writer, attribute);
        }

        if (_sha1Key != null)
        {
            var offset = writer.Length;
            var hmac = StunIntegrity.ComputeSha1(writer.Buffer, offset, _sha1Key);
            WriteAttribute(writer, new StunMessageIntegrityAttribute(StunAttributeType.MessageIntegrity, hmac));
        }

        if (_sha256Key != null)
        {
            var offset = writer.Length;
            var hmac = StunIntegrity.ComputeSha256(writer.Buffer, offset, _sha256Key, _sha256Length);
            WriteAttribute(writer, new StunMessageIntegrityAttribute(StunAttributeType.MessageIntegritySha256, hmac));
        }

        if (_fingerprint)
        {
            var offset = writer.Length;
            WriteAttribute(writer, new StunFingerprintAttribute(StunIntegrity.ComputeFingerprint(writer.Buffer, offset)));
        }

        var bytes = writer.ToArray();
        BigEndian.WriteUInt16(bytes, 2, (ushort)(bytes.Length - StunMessage.HeaderLength));
        return bytes;
    }

    /// <summary>Encodes the message and decodes it back into a <see cref="StunMessage"/>.</summary>
    public StunMessage Build()
    {
        if (!StunDecoder.TryDecode(Encode(), out var message, out var error))
        {
            throw new InvalidOperationException("The built message does not decode: " + error);
        }

        return message!;
    }

    private void WriteAttribute(ByteWriter writer, StunAttribute attribute)
    {
        var start = writer.Length;
        writer.WriteUInt16(attribute.Type);
        writer.WriteUInt16(0);
        attribute.WriteValue(writer, TransactionId);
        var length = writer.Length - start - 4;
        if (length > ushort.MaxValue || writer.Length - StunMessage.HeaderLength > ushort.MaxValue - 3)
        {
            throw new InvalidOperationException(attribute.Name + " makes the message longer than STUN's 16-bit length allows.");
        }

        BigEndian.WriteUInt16(writer.Buffer, start + 2, (ushort)length);
        writer.WriteRepeated(PaddingByte, ((length + 3) & ~3) - length);
    }
}
