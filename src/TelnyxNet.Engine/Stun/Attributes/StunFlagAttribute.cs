using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// An attribute with an empty value whose presence is the message: DONT-FRAGMENT
/// (RFC 8656 §18.9) and USE-CANDIDATE (RFC 8445 §16.1).
/// </summary>
public sealed class StunFlagAttribute : StunAttribute
{
    /// <summary>Creates the attribute.</summary>
    public StunFlagAttribute(ushort type)
        : base(type)
    {
    }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (value.Length != 0)
        {
            error = "value of " + value.Length + " bytes; empty expected";
            return null;
        }

        error = null;
        return new StunFlagAttribute(value.Type);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
    }

    /// <inheritdoc />
    protected override string DescribeValue() => "set";
}
