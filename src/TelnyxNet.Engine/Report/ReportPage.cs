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
            ("Media quality", Report.Text("MediaQuality")),
            ("Estimated MOS", Report.Text("EstimatedMos")),
            ("Media RTT (ms)", Report.Text("RoundTripTimeMs")),
            ("Media jitter (ms)", Report.Text("JitterMs")),
            ("Media loss (%)", Report.Text("LossPercent")),
        }.Where(f => f.Item2.Length > 0).ToList();

    public IReadOnlyList<IReportProperties> Reasons => Report.List("Reasons");

    public IReadOnlyList<IReportProperties> Warnings => Report.List("Warnings");

    public IReadOnlyList<IReportProperties> Firewall => Report.List("Firewall");

    /// <summary>The media path's result, when it was measured.</summary>
    public IReportProperties? Media => Report.Object("Media");

    /// <summary>The media path's figures beyond the key ones, as label and value.</summary>
    public IReadOnlyList<(string Label, string Value)> MediaFigures => Media is not { } media
        ? Array.Empty<(string, string)>()
        : new[]
        {
            ("Through", media.Text("Server") + ":" + media.Text("Port") + " over " + media.Text("Transport") + (media.Text("Peer").Length > 0 ? " (peer: " + media.Text("Peer") + ")" : string.Empty)),
            ("Status", media.Text("Status") + (media.Text("FailureReason") is { Length: > 0 } reason && reason != "None" ? " (" + reason + ")" : string.Empty)),
            ("MOS in the SDK's words", media.Text("MosQuality")),
            ("RTT band", media.Text("RttBand")),
            ("RTT min / p95 / max (ms)", media.Text("MinRoundTripTimeMs") + " / " + media.Text("P95RoundTripTimeMs") + " / " + media.Text("MaxRoundTripTimeMs")),
            ("Burst loss (packets)", media.Text("BurstLoss")),
            ("Reordered / duplicated / late", media.Text("Reordered") + " / " + media.Text("Duplicated") + " / " + media.Text("Late")),
            ("Packets sent / received", media.Text("PacketsSent") + " / " + media.Text("PacketsReceived")),
            ("Stream", media.Text("Codec") + ", " + media.Text("PacketIntervalMs") + " ms, " + media.Text("DurationSeconds") + " s"),
        }.Where(f => f.Item2.Trim(' ', '/').Length > 0).ToList();

    /// <summary>The media path's seconds as (second, RTT, jitter, loss %), those with nothing measured left out of the lines.</summary>
    public IReadOnlyList<(double Second, double? Rtt, double? Jitter, double? Loss)> Samples =>
        (Media?.List("Samples") ?? Array.Empty<IReportProperties>())
            .Select(s => (Number(s.Text("Second")) ?? 0, Number(s.Text("RoundTripTimeMs")), Number(s.Text("JitterMs")), Number(s.Text("LossPercent"))))
            .ToList();

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

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Join(string server, string transport) => server.Length == 0 ? string.Empty : server + " over " + transport;
}
