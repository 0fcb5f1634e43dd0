using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>An attribute of a type this library does not know, kept byte for byte so it passes through (RFC 8489 §14).</summary>
public sealed class StunRawAttribute : StunAttribute
{
    private readonly byte[] _value;

    /// <summary>Creates a raw attribute.</summary>
    public StunRawAttribute(ushort type, byte[] value)
        : base(type) => _value = (byte[])(value ?? throw new ArgumentNullException(nameof(value))).Clone();

    /// <summary>A copy of the value.</summary>
    public byte[] GetValue() => (byte[])_value.Clone();

    internal static StunAttribute Decode(in AttributeValue value) => new StunRawAttribute(value.Type, value.ToArray());

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) => writer.WriteBytes(_value);

    /// <inheritdoc />
    protected override string DescribeValue() => _value.Length + " bytes";
}
