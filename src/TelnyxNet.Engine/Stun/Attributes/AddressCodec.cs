using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// The address value shared by MAPPED-ADDRESS and its relatives (RFC 8489 §14.1): one zero byte,
/// the family (0x01 IPv4, 0x02 IPv6), the port, then 4 or 16 address bytes. The XOR form
/// (§14.2) XORs the port with the top 16 bits of the magic cookie and the address with the
/// cookie (IPv4) or the cookie followed by the transaction id (IPv6).
/// </summary>
internal static class AddressCodec
{
    public const byte FamilyIPv4 = 0x01;
    public const byte FamilyIPv6 = 0x02;

    public static IPEndPoint? Read(in AttributeValue value, bool xor, out string? error)
    {
        if (value.Length < 4)
        {
            error = "address value shorter than 4 bytes";
            return null;
        }

        var family = value[1];
        var addressLength = family switch
        {
            FamilyIPv4 => 4,
            FamilyIPv6 => 16,
            _ => -1,
        };
        if (addressLength < 0)
        {
            error = "unknown address family 0x" + family.ToString("x2");
            return null;
        }

        if (value.Length != 4 + addressLength)
        {
            error = "address value of " + value.Length + " bytes; family 0x" + family.ToString("x2") + " needs " + (4 + addressLength);
            return null;
        }

        var port = BigEndian.ReadUInt16(value.Buffer, value.Offset + 2);
        var address = new byte[addressLength];
        System.Buffer.BlockCopy(value.Buffer, value.Offset + 4, address, 0, addressLength);
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
            ApplyXor(address, value.TransactionId);
        }

        error = null;
        return new IPEndPoint(new IPAddress(address), port);
    }

    public static void Write(ByteWriter writer, IPEndPoint endPoint, bool xor, TransactionId transactionId)
    {
        var address = endPoint.Address.GetAddressBytes();
        var port = (ushort)endPoint.Port;
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
            ApplyXor(address, transactionId);
        }

        writer.WriteByte(0);
        writer.WriteByte(endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? FamilyIPv6 : FamilyIPv4);
        writer.WriteUInt16(port);
        writer.WriteBytes(address);
    }

    private static void ApplyXor(byte[] address, TransactionId transactionId)
    {
        var mask = new byte[16];
        BigEndian.WriteUInt32(mask, 0, StunMessage.MagicCookie);
        transactionId.CopyTo(mask, 4);
        for (var i = 0; i < address.Length; i++)
        {
            address[i] ^= mask[i];
        }
    }
}
