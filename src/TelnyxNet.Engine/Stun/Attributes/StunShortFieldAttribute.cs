using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// An attribute holding one small field followed by reserved bits:
/// CHANNEL-NUMBER (RFC 8656 §18.1: 16-bit channel, 16 bits RFFU),
/// REQUESTED-TRANSPORT (§18.8: 8-bit IANA protocol number, 24 bits RFFU; 17 is UDP),
/// REQUESTED-ADDRESS-FAMILY (§18.6: 8-bit family, 24 bits RFFU; 0x01 IPv4, 0x02 IPv6),
/// EVEN-PORT (§18.7: one byte whose top bit R asks to reserve the next port),
/// RESPONSE-PORT (RFC 5780 §7.5: a 16-bit port; two bytes, padded on the wire).
/// </summary>
public sealed class StunShortFieldAttribute : StunAttribute
{
    /// <summary>Creates the attribute; the value must fit the field of the type.</summary>
    public StunShortFieldAttribute(ushort type, ushort value)
        : base(type)
    {
        var layout = LayoutOf(type);
        if (layout.FieldBytes == 1 && value > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, StunAttributeRegistry.NameOf(type) + " holds one byte.");
        }

        Value = value;
    }

    /// <summary>
    /// The field: the channel number, the protocol number, the family code, the port, or for
    /// EVEN-PORT 1 when the R bit is set and 0 when it is not.
    /// </summary>
    public ushort Value { get; }

    private static (int FieldBytes, int ValueLength) LayoutOf(ushort type) => type switch
    {
        StunAttributeType.ChannelNumber => (2, 4),
        StunAttributeType.ResponsePort => (2, 2),
        StunAttributeType.EvenPort => (1, 1),
        _ => (1, 4),
    };

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var layout = LayoutOf(value.Type);
        var lengthOk = value.Length == layout.ValueLength
            || (value.Type == StunAttributeType.ResponsePort && value.Length == 4);
        if (!lengthOk)
        {
            error = "value of " + value.Length + " bytes; " + layout.ValueLength + " expected";
            return null;
        }

        ushort field = layout.FieldBytes == 2 ? BigEndian.ReadUInt16(value.Buffer, value.Offset) : value[0];
        if (value.Type == StunAttributeType.EvenPort)
        {
            field = (ushort)((field & 0x80) != 0 ? 1 : 0);
        }

        error = null;
        return new StunShortFieldAttribute(value.Type, field);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
        var layout = LayoutOf(Type);
        if (Type == StunAttributeType.EvenPort)
        {
            writer.WriteByte((byte)(Value != 0 ? 0x80 : 0));
            return;
        }

        if (layout.FieldBytes == 2)
        {
            writer.WriteUInt16(Value);
        }
        else
        {
            writer.WriteByte((byte)Value);
        }

        writer.WriteRepeated(0, layout.ValueLength - layout.FieldBytes);
    }

    /// <inheritdoc />
    protected override string DescribeValue() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
