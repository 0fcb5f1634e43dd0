using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XORed with
/// 0x5354554E. Always the last attribute; <see cref="StunMessageBuilder"/> computes it.
/// </summary>
public sealed class StunFingerprintAttribute : StunAttribute
{
    /// <summary>The XOR applied to the CRC-32.</summary>
    public const uint XorMask = 0x5354554E;

    /// <summary>Creates the attribute with a value already computed.</summary>
    public StunFingerprintAttribute(uint value)
        : base(StunAttributeType.Fingerprint) => Value = value;

    /// <summary>The CRC-32 XOR 0x5354554E as carried on the wire.</summary>
    public uint Value { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (value.Length != 4)
        {
            error = "value of " + value.Length + " bytes; 4 expected";
            return null;
        }

        error = null;
        return new StunFingerprintAttribute(BigEndian.ReadUInt32(value.Buffer, value.Offset));
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) => writer.WriteUInt32(Value);

    /// <inheritdoc />
    protected override string DescribeValue() => "0x" + Value.ToString("x8");
}
