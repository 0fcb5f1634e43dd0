using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Cli.Output;

/// <summary>
/// <c>telnyxnet check</c>'s table output for a person: the verdict and key figures as labelled
/// lines, every reason with its fix, the warnings, then, as the last line, the Intune summary line.
/// </summary>
internal static class ReportText
{
    public static void Write(TextWriter output, TelnyxReadinessReport report)
    {
        var rows = new (string Label, string Value)[]
        {
            ("Computer", report.ComputerName),
            ("Verdict", report.Verdict),
            ("Reasons", report.ReasonCodes),
            ("Warnings", report.WarningCodes),
            ("Public address", report.PublicAddress + (report.NatMapping.Length > 0 ? " (NAT mapping " + report.NatMapping + ")" : string.Empty)),
            ("UDP open", report.UdpOpen?.ToString() ?? string.Empty),
            ("Best relay", report.RelayServer.Length > 0 ? report.RelayServer + " over " + report.RelayTransport : string.Empty),
            ("SIP reachable", report.SipReachable?.ToString() ?? string.Empty),
            ("Duration", report.DurationSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s"),
        };
        var width = rows.Max(r => r.Label.Length);
        foreach (var (label, value) in rows.Where(r => r.Value.Trim().Length > 0))
        {
            output.WriteLine(label.PadRight(width) + "  " + value);
        }

        Findings(output, "Reasons", report.Reasons, fixes: true);
        Findings(output, "Warnings", report.Warnings, fixes: false);
        output.WriteLine();
        output.Write(report.Summary);
        output.WriteLine();
    }

    private static void Findings(TextWriter output, string title, IReadOnlyList<Finding> findings, bool fixes)
    {
        if (findings.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title + ":");
        foreach (var finding in findings)
        {
            output.WriteLine(finding.Code + " (" + finding.Effect + ", " + finding.Source + "): " + finding.Message);
            if (fixes)
            {
                output.WriteLine("  Fix: " + finding.Remediation);
            }
        }
    }
}
