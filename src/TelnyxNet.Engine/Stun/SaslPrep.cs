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

        // Non-characters and lone surrogates are checked before NFKC, which leaves them as they are
        // but, on some runtimes, refuses them with a message that would not name the rule.
        var prepared = mapped.ToString();
        Refuse(prepared, IsNonCharacter);
        prepared = prepared.Normalize(NormalizationForm.FormKC);
        Refuse(prepared, IsProhibited);
        return prepared;
    }

    /// <summary>Throws on the first code point <paramref name="prohibited"/> matches, or on a lone surrogate.</summary>
    private static void Refuse(string text, Func<int, bool> prohibited)
    {
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new ArgumentException("The text holds a lone surrogate U+" + codePoint.ToString("X4") + " (RFC 3454 table C.5).", "input");
            }

            if (prohibited(codePoint))
            {
                throw new ArgumentException("The text holds a prohibited character U+" + codePoint.ToString("X4") + " (RFC 4013 §2.3).", "input");
            }
        }
    }

    /// <summary>RFC 3454 table B.1.</summary>
    private static bool IsMappedToNothing(char c) =>
        c == '\u00AD' || c == '\u034F' || c == '\u1806' || (c >= '\u180B' && c <= '\u180D')
        || (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || (c >= '\uFE00' && c <= '\uFE0F') || c == '\uFEFF';

    /// <summary>RFC 3454 table C.1.2.</summary>
    private static bool IsNonAsciiSpace(char c) =>
        c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F' || c == '\u205F' || c == '\u3000';

    /// <summary>RFC 3454 table C.4: non-character code points.</summary>
    private static bool IsNonCharacter(int c) => (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;

    /// <summary>RFC 3454 tables C.2 (controls), C.3 (private use), C.6-C.9 (not plain text, display, tagging).</summary>
    private static bool IsProhibited(int c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x06DD || c == 0x070F || c == 0x180E
        || c == 0x200C || c == 0x200D || c == 0x2028 || c == 0x2029 || (c >= 0x2060 && c <= 0x2063)
        || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC)
        || (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || (c >= 0x200E && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x0340 && c <= 0x0341) || (c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F);
}
