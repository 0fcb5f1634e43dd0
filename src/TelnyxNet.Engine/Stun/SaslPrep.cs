using System.Text;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// The SASLprep profile of stringprep (RFC 4013) as STUN applies it to passwords
/// (RFC 5389 §15.4; RFC 8489 §9.2.2 keeps it for MD5 keys through OpaqueString):
/// map non-ASCII spaces to U+0020, remove the characters "commonly mapped to nothing"
/// (RFC 3454 table B.1), normalise to NFKC, then refuse control, private-use, non-character
/// and surrogate code points. The bidirectional check (RFC 3454 §6) is not applied.
/// </summary>
public static class SaslPrep
{
    /// <summary>Prepares <paramref name="input"/>; throws <see cref="ArgumentException"/> on a prohibited character.</summary>
    public static string Prepare(string input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        var mapped = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (IsMappedToNothing(c))
            {
                continue;
            }

            mapped.Append(IsNonAsciiSpace(c) ? ' ' : c);
        }

        var normalized = mapped.ToString().Normalize(NormalizationForm.FormKC);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (char.IsHighSurrogate(c) && i + 1 < normalized.Length && char.IsLowSurrogate(normalized[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, normalized[i + 1]);
                if (IsProhibitedSupplementary(codePoint))
                {
                    throw new ArgumentException("The text holds a prohibited character U+" + codePoint.ToString("X") + " (RFC 4013 §2.3).", nameof(input));
                }

                i++;
                continue;
            }

            if (IsProhibited(c))
            {
                throw new ArgumentException("The text holds a prohibited character U+" + ((int)c).ToString("X4") + " (RFC 4013 §2.3).", nameof(input));
            }
        }

        return normalized;
    }

    /// <summary>RFC 3454 table B.1.</summary>
    private static bool IsMappedToNothing(char c) =>
        c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
        || (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF';

    /// <summary>RFC 3454 table C.1.2.</summary>
    private static bool IsNonAsciiSpace(char c) =>
        c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F' || c == '\u205F' || c == '\u3000';

    /// <summary>RFC 3454 tables C.2 (controls), C.3 (private use), C.4 (non-characters), C.5 (lone surrogates), C.8 (change display).</summary>
    private static bool IsProhibited(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u06DD' || c == '\u070F' || c == '\u180E'
        || c == '\u200C' || c == '\u200D' || c == '\u2028' || c == '\u2029' || (c >= '\u2060' && c <= '\u2063')
        || (c >= '\u206A' && c <= '\u206F') || c == '\uFEFF' || (c >= '\uFFF9' && c <= '\uFFFC')
        || (c >= '\uE000' && c <= '\uF8FF') || (c >= '\uFDD0' && c <= '\uFDEF') || c == '\uFFFE' || c == '\uFFFF'
        || char.IsSurrogate(c) || (c >= '\u200E' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u0340' && c <= '\u0341');

    private static bool IsProhibitedSupplementary(int codePoint) =>
        (codePoint & 0xFFFE) == 0xFFFE || (codePoint >= 0xF0000) || (codePoint >= 0x1D173 && codePoint <= 0x1D17A)
        || codePoint == 0xE0001 || (codePoint >= 0xE0020 && codePoint <= 0xE007F);
}
