using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// One attribute of a STUN message: a 16-bit type, a 16-bit length and a value padded to a
/// multiple of four bytes (RFC 8489 §14). Each known type has one typed class; unknown ones are
/// kept as <see cref="StunRawAttribute"/> and pass through untouched.
/// </summary>
public abstract class StunAttribute
{
    /// <summary>Creates an attribute of the given type.</summary>
    protected StunAttribute(ushort type) => Type = type;

    /// <summary>The attribute type code.</summary>
    public ushort Type { get; }

    /// <summary>The registered name, e.g. <c>XOR-MAPPED-ADDRESS</c>, or the hex code when unknown.</summary>
    public string Name => StunAttributeRegistry.NameOf(Type);

    /// <summary>True for types below 0x8000 (RFC 8489 §14).</summary>
    public bool IsComprehensionRequired => StunAttributeType.IsComprehensionRequired(Type);

    /// <summary>A short text form of the value, for verbose output and debugging.</summary>
    public override string ToString() => Name + ": " + DescribeValue();

    /// <summary>Writes the value only (no header, no padding).</summary>
    internal abstract void WriteValue(ByteWriter writer, TransactionId transactionId);

    /// <summary>A short text form of the value.</summary>
    protected abstract string DescribeValue();
}
