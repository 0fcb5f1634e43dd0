namespace TelnyxNet.Engine.Internal;

/// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
internal static class ConstantTime
{
    /// <summary>
    /// Compares <paramref name="count"/> bytes without an early exit, so that a forged
    /// MESSAGE-INTEGRITY cannot be found byte by byte through timing (RFC 8489 §9.1.3).
    /// </summary>
    public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset, int count)
    {
        var diff = 0;
        for (var i = 0; i < count; i++)
        {
            diff |= a[aOffset + i] ^ b[bOffset + i];
        }

        return diff == 0;
    }
}
