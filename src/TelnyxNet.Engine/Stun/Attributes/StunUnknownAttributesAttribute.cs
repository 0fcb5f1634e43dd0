using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the comprehension-required types a server did not
/// understand, 16 bits each, sent with error 420.
/// </summary>
public sealed class StunUnknownAttributesAttribute : StunAttribute
{
    /// <summary>Creates the attribute from a list of types.</summary>
    public StunUnknownAttributesAttribute(IEnumerable<ushort> types)
        : base(StunAttributeType.UnknownAttributes) => Types = (types ?? throw new ArgumentNullException(nameof(types))).ToArray();

    /// <summary>The attribute types listed.</summary>
    public IReadOnlyList<ushort> Types { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (value.Length % 2 != 0)
        {
            error = "odd length " + value.Length;
            return null;
        }

        var types = new ushort[value.Length / 2];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = BigEndian.ReadUInt16(value.Buffer, value.Offset + (2 * i));
        }

        error = null;
        return new StunUnknownAttributesAttribute(types);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
        foreach (var type in Types)
        {
            writer.WriteUInt16(type);
        }
    }

    /// <inheritdoc />
    protected override string DescribeValue() => string.Join(", ", Types.Select(StunAttributeRegistry.NameOf));
}
