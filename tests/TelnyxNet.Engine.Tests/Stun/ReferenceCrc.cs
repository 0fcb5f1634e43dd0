namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// Bitwise reference CRCs written independently of the engine: CRC-32 (ISO 3309, reflected
/// 0xEDB88320; what FINGERPRINT uses, RFC 8489 §14.7) and CRC-64 with the ISO polynomial
/// (reflected 0xD800000000000000, init and final XOR all ones, as Go's hash/crc64 with crc64.ISO).
/// </summary>
internal static class ReferenceCrc
{
    public static uint Crc32(byte[] data, int offset, int count)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = offset; i < offset + count; i++)
        {
            crc ^= data[i];
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static ulong Crc64Iso(byte[] data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xD800000000000000ul : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>The FINGERPRINT value for an attribute at <paramref name="attributeOffset"/>: CRC-32 of the bytes before it, length field patched to end after it, XOR 0x5354554E.</summary>
    public static uint Fingerprint(byte[] message, int attributeOffset)
    {
        var covered = new byte[attributeOffset];
        Buffer.BlockCopy(message, 0, covered, 0, attributeOffset);
        var length = attributeOffset - 20 + 8;
        covered[2] = (byte)(length >> 8);
        covered[3] = (byte)length;
        return Crc32(covered, 0, covered.Length) ^ 0x5354554Eu;
    }
}
