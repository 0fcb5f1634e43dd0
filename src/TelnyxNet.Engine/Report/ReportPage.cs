using System.Globalization;

namespace TelnyxNet.Engine.Report;

/// <summary>What one machine's section of the HTML report shows, read from its report by property name.</summary>
internal sealed class ReportPage
{
    private ReportPage(IReportProperties report) => Report = report;

    public IReportProperties Report { get; }

    public string ComputerName => Report.Text("ComputerName");

    public string Verdict => Report.Text("Verdict");

    public string Summary => Report.Text("Summary");

    /// <summary>The machine facts, as label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> Machine => new[]
    {
        ("Computer", ComputerName),
        ("User", Report.Text("UserName")),
        ("Operating system", Report.Text("OS")),
        ("Checked at", Time(Report.Text("Timestamp"))),
        ("Duration", Report.Text("DurationSeconds") + " s"),
    };

    /// <summary>The key figures that were measured, as label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> Figures =>
        new[]
        {
            ("Signaling connected", Report.Text("SignalingConnected")),
            ("Signaling proxy", Report.Text("SignalingProxy")),
            ("Public address", Report.Text("PublicAddress")),
            ("NAT mapping", Report.Text("NatMapping")),
            ("UDP open", Report.Text("UdpOpen")),
            ("Best relay", Join(Report.Text("RelayServer"), Report.Text("RelayTransport"))),
            ("SIP reachable", Report.Text("SipReachable")),
            ("Required firewall rules not allowed", Report.Text("FirewallRulesBlocked")),
        }.Where(f => f.Item2.Length > 0).ToList();

    public IReadOnlyList<IReportProperties> Reasons => Report.List("Reasons");

    public IReadOnlyList<IReportProperties> Warnings => Report.List("Warnings");

    public IReadOnlyList<IReportProperties> Firewall => Report.List("Firewall");

    public IReadOnlyList<IReportProperties> Candidates => Report.Object("Ice")?.List("Candidates") ?? Array.Empty<IReportProperties>();

    /// <summary>Each part's probe results, by part name, for the results table.</summary>
    public IReadOnlyList<(string Part, IReadOnlyList<IReportProperties> Results)> Parts => new[]
    {
        ("Signaling", Report.List("Signaling")),
        ("STUN", Report.List("Stun")),
        ("TURN", Report.List("Turn")),
        ("SIP", Report.List("Sip")),
    }.Where(p => p.Item2.Count > 0).ToList();

    public static ReportPage Of(IReportProperties report) => new(report ?? throw new ArgumentNullException(nameof(report)));

    /// <summary>An ISO 8601 time as "yyyy-MM-dd HH:mm:ss UTC"; anything else as given.</summary>
    private static string Time(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : text;

    private static string Join(string server, string transport) => server.Length == 0 ? string.Empty : server + " over " + transport;
}
