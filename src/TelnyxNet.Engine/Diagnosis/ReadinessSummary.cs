using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The readiness check in one line, for Intune (which shows at most 2,048 characters of a
/// detection script's output) and for a glance: the verdict, then its reason codes, then the
/// warning codes, then what matters most (the first reason's message, or for Ready the key
/// figures), separated by " | ". No line breaks or other control characters, whatever the servers
/// sent; when it is too long the detail is cut first, then the warnings, never the verdict.
/// </summary>
public static class ReadinessSummary
{
    /// <summary>The longest line: what Intune keeps of a script's output.</summary>
    public const int MaxLength = 2048;

    private const string Separator = " | ";
    private const string Ellipsis = "…";

    /// <summary>The line for <paramref name="report"/>.</summary>
    public static string Line(TelnyxReadinessReport report)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var head = Clean(report.Verdict + (report.Reasons.Count > 0 ? ": " + report.ReasonCodes : string.Empty));
        var warnings = report.Warnings.Count > 0 ? Clean("warnings: " + report.WarningCodes) : string.Empty;
        var detail = Clean(report.Reasons.Count > 0 ? report.Reasons[0].Message : Figures(report));
        return Join(Cut(head, MaxLength), warnings, detail);
    }

    /// <summary>Key figures of a report without reasons.</summary>
    private static string Figures(TelnyxReadinessReport report)
    {
        var parts = new List<string>();
        if (report.PublicAddress.Length > 0)
        {
            parts.Add("public address " + report.PublicAddress);
        }

        if (report.NatMapping.Length > 0)
        {
            parts.Add("NAT mapping " + report.NatMapping);
        }

        if (report.RelayTransport.Length > 0)
        {
            parts.Add("relay " + report.RelayServer + " over " + report.RelayTransport);
        }

        if (report.MediaQuality.Length > 0)
        {
            parts.Add("media " + report.MediaQuality + " (MOS " + Number(report.EstimatedMos) + ", RTT " + Number(report.RoundTripTimeMs) + " ms, jitter " + Number(report.JitterMs) + " ms, loss " + Number(report.LossPercent) + " %)");
        }

        if (report.SipReachable is bool sip)
        {
            parts.Add(sip ? "SIP answers" : "SIP does not answer");
        }

        parts.Add("checked in " + report.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s");
        return string.Join(", ", parts);
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?";

    private static string Join(string head, string warnings, string detail)
    {
        var line = new StringBuilder(head);
        foreach (var part in new[] { warnings, detail }.Where(p => p.Length > 0))
        {
            var room = MaxLength - line.Length - Separator.Length;
            if (room <= Ellipsis.Length)
            {
                break;
            }

            line.Append(Separator).Append(Cut(part, room));
        }

        return line.ToString();
    }

    /// <summary><paramref name="text"/> in at most <paramref name="room"/> characters, never splitting a surrogate pair.</summary>
    private static string Cut(string text, int room)
    {
        if (text.Length <= room)
        {
            return text;
        }

        var length = room - Ellipsis.Length;
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text.Substring(0, length).TrimEnd() + Ellipsis;
    }

    /// <summary>Every control character (line breaks, tabs, C1 controls) and Unicode line or paragraph separator as one space, runs of spaces as one.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var blank = char.IsControl(c) || c == '\u2028' || c == '\u2029' || char.IsWhiteSpace(c);
            if (blank)
            {
                if (clean.Length > 0 && clean[clean.Length - 1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }
}
