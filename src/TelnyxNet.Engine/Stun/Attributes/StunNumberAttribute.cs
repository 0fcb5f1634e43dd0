using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// An attribute whose value is one unsigned number: LIFETIME (RFC 8656 §18.2, seconds, 32 bits),
/// PRIORITY (RFC 8445 §16.1, 32 bits), ICE-CONTROLLED and ICE-CONTROLLING (RFC 8445 §16.1,
/// 64-bit tie-breakers).
/// </summary>
public sealed class StunNumberAttribute : StunAttribute
{
    /// <summary>Creates the attribute; the value must fit the type's width.</summary>
    public StunNumberAttribute(ushort type, ulong value)
        : base(type)
    {
        var width = WidthOf(type);
        if (width == 4 && value > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, StunAttributeRegistry.NameOf(type) + " is 32 bits wide.");
        }

        Value = value;
    }

    /// <summary>The number.</summary>
    public ulong Value { get; }

    internal static int WidthOf(ushort type) =>
        type == StunAttributeType.IceControlled || type == StunAttributeType.IceControlling ? 8 : 4;

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var width = WidthOf(value.Type);
        if (value.Length != width)
        {
            error = "value of " + value.Length + " bytes; " + width + " expected";
            return null;
        }

        error = null;
        var number = width == 8
            ? BigEndian.ReadUInt64(value.Buffer, value.Offset)
            : BigEndian.ReadUInt32(value.Buffer, value.Offset);
        return new StunNumberAttribute(value.Type, number);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
        if (WidthOf(Type) == 8)
        {
            writer.WriteUInt64(Value);
        }
        else
        {
            writer.WriteUInt32((uint)Value);
        }
    }

    /// <inheritdoc />
    protected override string DescribeValue() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
