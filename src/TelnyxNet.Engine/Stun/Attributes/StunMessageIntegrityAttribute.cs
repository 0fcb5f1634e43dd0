using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5, a 20-byte HMAC-SHA1) or MESSAGE-INTEGRITY-SHA256
/// (§14.6, an HMAC-SHA256 of 16 to 32 bytes, a multiple of 4, truncated from the left).
/// Decoded messages carry the HMAC as received; <see cref="StunMessageBuilder"/> computes it.
/// </summary>
public sealed class StunMessageIntegrityAttribute : StunAttribute
{
    private readonly byte[] _hmac;

    /// <summary>Creates the attribute with an HMAC value already computed.</summary>
    public StunMessageIntegrityAttribute(ushort type, byte[] hmac)
        : base(type)
    {
        if (type != StunAttributeType.MessageIntegrity && type != StunAttributeType.MessageIntegritySha256)
        {
            throw new ArgumentException("Not an integrity attribute type.", nameof(type));
        }

        _hmac = (byte[])(hmac ?? throw new ArgumentNullException(nameof(hmac))).Clone();
        var error = CheckLength(type, _hmac.Length);
        if (error != null)
        {
            throw new ArgumentException(error, nameof(hmac));
        }
    }

    /// <summary>True for MESSAGE-INTEGRITY-SHA256.</summary>
    public bool IsSha256 => Type == StunAttributeType.MessageIntegritySha256;

    /// <summary>A copy of the HMAC bytes.</summary>
    public byte[] GetHmac() => (byte[])_hmac.Clone();

    internal byte[] Hmac => _hmac;

    internal static string? CheckLength(ushort type, int length)
    {
        if (type == StunAttributeType.MessageIntegrity)
        {
            return length == 20 ? null : "HMAC-SHA1 value of " + length + " bytes; 20 expected";
        }

        return length >= 16 && length <= 32 && length % 4 == 0
            ? null
            : "HMAC-SHA256 value of " + length + " bytes; 16 to 32 in steps of 4 expected";
    }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        error = CheckLength(value.Type, value.Length);
        return error is null ? new StunMessageIntegrityAttribute(value.Type, value.ToArray()) : null;
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) => writer.WriteBytes(_hmac);

    /// <inheritdoc />
    protected override string DescribeValue() => _hmac.Length + " bytes";
}
