using System.Text;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// A UTF-8 text attribute: USERNAME (RFC 8489 §14.3, fewer than 509 bytes), REALM (§14.9) and
/// NONCE (§14.10) (fewer than 128 characters: at most 509 bytes when encoding, 763 when
/// decoding), SOFTWARE (§14.14, at most 763 bytes), ALTERNATE-DOMAIN (§14.16, at most 255
/// bytes). The bytes are kept so that keys are computed from exactly what was on the wire.
/// </summary>
public sealed class StunTextAttribute : StunAttribute
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, false);
    private readonly byte[] _bytes;

    /// <summary>Creates a text attribute; throws when the UTF-8 form is longer than the type allows.</summary>
    public StunTextAttribute(ushort type, string value)
        : base(type)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        _bytes = Utf8.GetBytes(value);
        var max = MaxEncodedBytes(type);
        if (_bytes.Length > max)
        {
            throw new ArgumentException(StunAttributeRegistry.NameOf(type) + " is limited to " + max + " bytes of UTF-8; got " + _bytes.Length + ".", nameof(value));
        }
    }

    private StunTextAttribute(ushort type, byte[] bytes)
        : base(type)
    {
        _bytes = bytes;
        Value = Utf8.GetString(bytes);
    }

    /// <summary>The text.</summary>
    public string Value { get; }

    /// <summary>The UTF-8 bytes as they are (or will be) on the wire.</summary>
    public byte[] GetBytes() => (byte[])_bytes.Clone();

    internal static int MaxEncodedBytes(ushort type) => type switch
    {
        StunAttributeType.Realm or StunAttributeType.Nonce => 509,
        _ => MaxDecodedBytes(type),
    };

    internal static int MaxDecodedBytes(ushort type) => type switch
    {
        StunAttributeType.Username => 508,
        StunAttributeType.AlternateDomain => 255,
        _ => 763,
    };

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var max = MaxDecodedBytes(value.Type);
        if (value.Length > max)
        {
            error = "longer than the " + max + " bytes allowed";
            return null;
        }

        error = null;
        return new StunTextAttribute(value.Type, value.ToArray());
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) => writer.WriteBytes(_bytes);

    /// <inheritdoc />
    protected override string DescribeValue() => "\"" + Value + "\"";
}
