using System.Text;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// ERROR-CODE (RFC 8489 §14.8): 21 reserved bits, the class (hundreds, 3 to 6) in three bits,
/// the number (0 to 99) in eight bits, then a UTF-8 reason phrase of under 128 characters: at
/// most 509 bytes when encoding, 763 when decoding. The reason's bytes are kept as received.
/// </summary>
public sealed class StunErrorCodeAttribute : StunAttribute
{
    private const int MaxEncodedReasonBytes = 509;
    private const int MaxDecodedReasonBytes = 763;
    private readonly byte[] _reason;

    /// <summary>Creates an ERROR-CODE attribute; the code must be 300 to 699 and the reason at most 509 bytes of UTF-8.</summary>
    public StunErrorCodeAttribute(int code, string reason)
        : this(code, Encoding.UTF8.GetBytes(reason ?? string.Empty))
    {
        if (_reason.Length > MaxEncodedReasonBytes)
        {
            throw new ArgumentException("The reason phrase is limited to " + MaxEncodedReasonBytes + " bytes of UTF-8; got " + _reason.Length + ".", nameof(reason));
        }
    }

    private StunErrorCodeAttribute(int code, byte[] reason)
        : base(StunAttributeType.ErrorCode)
    {
        if (code < 300 || code > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "STUN error codes are 300 to 699.");
        }

        Code = code;
        _reason = reason;
        Reason = Encoding.UTF8.GetString(reason).TrimEnd('\0');
    }

    /// <summary>The error code, e.g. 401.</summary>
    public int Code { get; }

    /// <summary>The reason phrase, e.g. "Unauthorized", without the trailing NUL padding some servers (coturn) put inside it; the bytes on the wire are kept.</summary>
    public string Reason { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (value.Length < 4)
        {
            error = "shorter than 4 bytes";
            return null;
        }

        if (value.Length - 4 > MaxDecodedReasonBytes)
        {
            error = "reason phrase longer than " + MaxDecodedReasonBytes + " bytes";
            return null;
        }

        var errorClass = value[2] & 0x07;
        var number = value[3];
        if (errorClass < 3 || errorClass > 6 || number > 99)
        {
            error = "invalid code: class " + errorClass + ", number " + number;
            return null;
        }

        error = null;
        var reason = new byte[value.Length - 4];
        System.Buffer.BlockCopy(value.Buffer, value.Offset + 4, reason, 0, reason.Length);
        return new StunErrorCodeAttribute((errorClass * 100) + number, reason);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
        writer.WriteUInt16(0);
        writer.WriteByte((byte)(Code / 100));
        writer.WriteByte((byte)(Code % 100));
        writer.WriteBytes(_reason);
    }

    /// <inheritdoc />
    protected override string DescribeValue() => Code + " " + Reason;
}
