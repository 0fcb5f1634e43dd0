using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// An attribute whose value is opaque bytes: DATA (RFC 8656 §18.4), PADDING (RFC 5780 §7.6),
/// RESERVATION-TOKEN (RFC 8656 §18.10, exactly 8 bytes) and USERHASH (RFC 8489 §14.4,
/// exactly 32 bytes).
/// </summary>
public sealed class StunBytesAttribute : StunAttribute
{
    private readonly byte[] _value;

    /// <summary>Creates the attribute; throws when the type needs a fixed length that <paramref name="value"/> lacks.</summary>
    public StunBytesAttribute(ushort type, byte[] value)
        : base(type)
    {
        _value = (byte[])(value ?? throw new ArgumentNullException(nameof(value))).Clone();
        var error = CheckLength(type, _value.Length);
        if (error != null)
        {
            throw new ArgumentException(error, nameof(value));
        }
    }

    /// <summary>The value length.</summary>
    public int Length => _value.Length;

    /// <summary>A copy of the value.</summary>
    public byte[] GetValue() => (byte[])_value.Clone();

    internal static string? CheckLength(ushort type, int length)
    {
        var required = type switch
        {
            StunAttributeType.ReservationToken => 8,
            StunAttributeType.UserHash => 32,
            _ => -1,
        };
        return required < 0 || length == required ? null : "value of " + length + " bytes; " + required + " expected";
    }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        error = CheckLength(value.Type, value.Length);
        return error is null ? new StunBytesAttribute(value.Type, value.ToArray()) : null;
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) => writer.WriteBytes(_value);

    /// <inheritdoc />
    protected override string DescribeValue() => _value.Length + " bytes";
}
