using TelnyxNet.Cli;
using TelnyxNet.Cli.Commands;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Report;
using TelnyxNet.Engine.Tests.Readiness;
using TelnyxNet.Engine.Tests.Report;

namespace TelnyxNet.Engine.Tests.Cli;

/// <summary>telnyxnet check's output and exit code for each verdict, in this process.</summary>
public sealed class CheckOutputTests
{
    public static TheoryData<string, int> Verdicts => new()
    {
        { "Ready", ExitCodes.Passed },
        { "Blocked", ExitCodes.Failed },
        { "Degraded", ExitCodes.Degraded },
        { "Inconclusive", ExitCodes.Inconclusive },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Each_verdict_has_its_exit_code_and_the_table_ends_with_the_summary_line(string verdict, int exitCode)
    {
        var report = Of(verdict);
        using var output = new StringWriter();

        ReportText.Write(output, report);

        Assert.Equal(verdict, report.Verdict);
        Assert.Equal(exitCode, CheckCommand.ExitCodeOf(report));
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Equal(report.Summary, lines[^2]);
        Assert.Contains("Verdict         " + verdict, lines);
    }

    [Fact]
    public void The_HTML_report_reads_the_same_through_the_CLIs_generated_metadata_as_through_reflection()
    {
        var report = HtmlReportTests.Degraded();
        var generated = DateTimeOffset.UtcNow;

        Assert.Equal(HtmlReport.Render(new[] { new ObjectProperties(report) }, generated), HtmlReport.Render(new[] { new MetadataProperties(report) }, generated));
    }

    private static TelnyxReadinessReport Of(string verdict) => verdict switch
    {
        "Ready" => ReportBuilder.Judged(ReportBuilder.NewReport()),
        "Blocked" => ReportBuilder.Judged(ReportBuilder.NewReport(sip: new[] { ReportBuilder.SipResult("sip.lab.test", "Udp", FailureReason.Timeout) })),
        "Degraded" => HtmlReportTests.Degraded(),
        _ => ReportBuilder.Judged(ReportBuilder.NewReport(), "No TURN server was given, so no relay was tested."),
    };
}
