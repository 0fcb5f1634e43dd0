using System.Net;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// An XOR-obfuscated transport address: XOR-MAPPED-ADDRESS (RFC 8489 §14.2), XOR-PEER-ADDRESS
/// (RFC 8656 §18.3) or XOR-RELAYED-ADDRESS (RFC 8656 §18.5). <see cref="EndPoint"/> is the
/// clear address; the XOR is applied on the wire with the message's transaction id.
/// </summary>
public sealed class StunXorAddressAttribute : StunAttribute
{
    /// <summary>Creates an XOR address attribute of the given type.</summary>
    public StunXorAddressAttribute(ushort type, IPEndPoint endPoint)
        : base(type) => EndPoint = endPoint ?? throw new ArgumentNullException(nameof(endPoint));

    /// <summary>The clear (un-XORed) address and port.</summary>
    public IPEndPoint EndPoint { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var endPoint = AddressCodec.Read(value, xor: true, out error);
        return endPoint is null ? null : new StunXorAddressAttribute(value.Type, endPoint);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) =>
        AddressCodec.Write(writer, EndPoint, xor: true, transactionId);

    /// <inheritdoc />
    protected override string DescribeValue() => EndPoint.ToString();
}
