using TelnyxNet.Engine.Diagnosis;
using static TelnyxNet.Engine.Tests.Readiness.ReportBuilder;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>The one line Intune shows: at most 2,048 characters, no line break, the verdict first, then the reason codes.</summary>
public sealed class ReadinessSummaryTests
{
    public static TheoryData<string> Verdicts => new() { "Ready", "Degraded", "Blocked", "Inconclusive" };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void The_line_starts_with_the_verdict_and_its_codes_whatever_the_servers_sent(string verdict)
    {
        var hostile = string.Concat(Enumerable.Repeat("line one\r\nline two\u2028\u0085\tthree \u0007", 400)) + "😀";
        var report = verdict switch
        {
            "Ready" => NewReport(stun: new[] { StunResult("stun.lab.test\r\nevil", ReasonNone()) }),
            "Degraded" => NewReport(ice: IceSummary(Array.Empty<Engine.Ice.IceServerReport>(), FindingCodes.IceTurnRequired.With(hostile), FindingCodes.IceVpnDetected.With(hostile))),
            "Blocked" => NewReport(ice: IceSummary(Array.Empty<Engine.Ice.IceServerReport>(), FindingCodes.IceServerFailed.With(hostile, "a"), FindingCodes.IceOnlyHostCandidates.With(hostile)), sip: new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout) }),
            _ => NewReport(),
        };

        var line = Judged(report, verdict == "Inconclusive" ? new[] { hostile } : Array.Empty<string>()).Summary;

        Assert.Equal(verdict, report.Verdict);
        Assert.InRange(line.Length, 1, ReadinessSummary.MaxLength);
        Assert.DoesNotContain(line, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.StartsWith(verdict + (report.Reasons.Count > 0 ? ": " + report.ReasonCodes : string.Empty) + " | ", line, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(line[line.Length - 1]));
    }

    [Fact]
    public void A_long_line_keeps_the_verdict_and_codes_and_cuts_the_detail()
    {
        var report = Judged(NewReport(ice: IceSummary(Array.Empty<Engine.Ice.IceServerReport>(), FindingCodes.IceTurnRequired.With(new string('x', 5000)))));

        Assert.Equal(ReadinessSummary.MaxLength, report.Summary.Length);
        Assert.StartsWith("Degraded: ice_turn_required | ", report.Summary, StringComparison.Ordinal);
        Assert.EndsWith("…", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Ready_lists_the_key_figures()
    {
        var report = Judged(NewReport(stun: new[] { StunResult("stun.lab.test", ReasonNone()) }, turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, ReasonNone()) }));
        ReadinessFigures.Fill(report);

        Assert.Equal("Ready | public address 203.0.113.1, relay turn.lab.test:3478 over Udp, checked in 0 s", ReadinessSummary.Line(report));
    }

    private static FailureReason ReasonNone() => FailureReason.None;
}
