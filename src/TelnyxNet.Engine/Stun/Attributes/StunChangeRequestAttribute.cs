using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// CHANGE-REQUEST (RFC 5780 §7.2): asks the server to answer from its other IP address
/// (flag A, 0x4) and/or its other port (flag B, 0x2).
/// </summary>
public sealed class StunChangeRequestAttribute : StunAttribute
{
    private const uint ChangeIpFlag = 0x4;
    private const uint ChangePortFlag = 0x2;

    /// <summary>Creates the attribute.</summary>
    public StunChangeRequestAttribute(bool changeIp, bool changePort)
        : base(StunAttributeType.ChangeRequest)
    {
        ChangeIp = changeIp;
        ChangePort = changePort;
    }

    /// <summary>Answer from the other IP address.</summary>
    public bool ChangeIp { get; }

    /// <summary>Answer from the other port.</summary>
    public bool ChangePort { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (value.Length != 4)
        {
            error = "value of " + value.Length + " bytes; 4 expected";
            return null;
        }

        var flags = BigEndian.ReadUInt32(value.Buffer, value.Offset);
        error = null;
        return new StunChangeRequestAttribute((flags & ChangeIpFlag) != 0, (flags & ChangePortFlag) != 0);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) =>
        writer.WriteUInt32((ChangeIp ? ChangeIpFlag : 0) | (ChangePort ? ChangePortFlag : 0));

    /// <inheritdoc />
    protected override string DescribeValue() => "ip=" + ChangeIp + " port=" + ChangePort;
}
