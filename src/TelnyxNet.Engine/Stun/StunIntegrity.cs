using System.Security.Cryptography;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT computation. Each covers the
/// message up to (not including) its own attribute, with the header length field set as if the
/// message ended right after that attribute (RFC 8489 §14.5, §14.6, §14.7).
/// </summary>
internal static class StunIntegrity
{
    public const int Sha1Length = 20;

    public static byte[] ComputeSha1(byte[] message, int attributeOffset, byte[] key)
    {
        using var hmac = new HMACSHA1(key);
        return hmac.ComputeHash(WithPatchedLength(message, attributeOffset, Sha1Length));
    }

    public static byte[] ComputeSha256(byte[] message, int attributeOffset, byte[] key, int length)
    {
        using var hmac = new HMACSHA256(key);
        var full = hmac.ComputeHash(WithPatchedLength(message, attributeOffset, length));
        var truncated = new byte[length];
        Buffer.BlockCopy(full, 0, truncated, 0, length);
        return truncated;
    }

    public static uint ComputeFingerprint(byte[] message, int attributeOffset)
    {
        var covered = WithPatchedLength(message, attributeOffset, 4);
        return Crc32.Compute(covered, 0, covered.Length) ^ StunFingerprintAttribute.XorMask;
    }

    public static bool Verify(byte[] message, int attributeOffset, StunMessageIntegrityAttribute attribute, byte[] key)
    {
        var expected = attribute.IsSha256
            ? ComputeSha256(message, attributeOffset, key, attribute.Hmac.Length)
            : ComputeSha1(message, attributeOffset, key);
        return ConstantTime.AreEqual(expected, 0, attribute.Hmac, 0, expected.Length);
    }

    /// <summary>Copies the bytes before the attribute and sets the length to end just after it.</summary>
    private static byte[] WithPatchedLength(byte[] message, int attributeOffset, int valueLength)
    {
        var covered = new byte[attributeOffset];
        Buffer.BlockCopy(message, 0, covered, 0, attributeOffset);
        BigEndian.WriteUInt16(covered, 2, (ushort)(attributeOffset - StunMessage.HeaderLength + 4 + valueLength));
        return covered;
    }
}
