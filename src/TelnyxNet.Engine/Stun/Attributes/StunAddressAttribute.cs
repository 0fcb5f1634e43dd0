using System.Net;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// A plain transport address: MAPPED-ADDRESS (RFC 8489 §14.1), ALTERNATE-SERVER (§14.15),
/// RESPONSE-ORIGIN (RFC 5780 §7.3) or OTHER-ADDRESS (RFC 5780 §7.4).
/// </summary>
public sealed class StunAddressAttribute : StunAttribute
{
    /// <summary>Creates an address attribute of the given type.</summary>
    public StunAddressAttribute(ushort type, IPEndPoint endPoint)
        : base(type) => EndPoint = endPoint ?? throw new ArgumentNullException(nameof(endPoint));

    /// <summary>The address and port.</summary>
    public IPEndPoint EndPoint { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var endPoint = AddressCodec.Read(value, xor: false, out error);
        return endPoint is null ? null : new StunAddressAttribute(value.Type, endPoint);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId) =>
        AddressCodec.Write(writer, EndPoint, xor: false, transactionId);

    /// <inheritdoc />
    protected override string DescribeValue() => EndPoint.ToString();
}
