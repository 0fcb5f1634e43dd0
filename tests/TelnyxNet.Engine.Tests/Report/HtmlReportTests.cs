using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Report;
using TelnyxNet.Engine.Tests.Readiness;

namespace TelnyxNet.Engine.Tests.Report;

/// <summary>The HTML report as text: self-contained, every value escaped, one section per machine.</summary>
public sealed class HtmlReportTests
{
    private static readonly DateTimeOffset Generated = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    internal static TelnyxReadinessReport Degraded()
    {
        var ice = ReportBuilder.IceSummary(
            new[] { ReportBuilder.IceServer("stun:203.0.113.10:3478", FailureReason.Timeout) },
            FindingCodes.IceTurnRequired.With("Only relay candidates reach outside: media must go through TURN (tcp)."),
            FindingCodes.IceUdpBlocked.With("UDP is blocked."));
        ice.Candidates = new[]
        {
            new IceCandidate { Kind = IceCandidateType.Host, Address = "10.0.0.2", Port = 50000, Interface = "eth0", AdapterKindValue = AdapterKind.Physical, AddressClassValue = AddressClass.Private },
            new IceCandidate { Kind = IceCandidateType.Relay, Address = "203.0.113.10", Port = 49160, Interface = "eth0", Server = "turn:203.0.113.10:443?transport=tcp", RelayTransport = Engine.Transport.TransportProtocol.Tcp },
        };
        var report = ReportBuilder.NewReport(
            stun: new[] { ReportBuilder.StunResult("203.0.113.10", FailureReason.Timeout) },
            turn: new[] { ReportBuilder.TurnResult("203.0.113.10", "Udp", 3478, FailureReason.Timeout), ReportBuilder.TurnResult("203.0.113.10", "Tcp", 443, FailureReason.None) },
            ice: ice);
        report.ComputerName = "PC-0042";
        report.UserName = "CORP\\alice";
        report.OS = "Microsoft Windows 10.0.22631";
        report.Timestamp = Generated;
        report.Media = new MediaPathQuality
        {
            Server = "203.0.113.10",
            Port = 443,
            Transport = "Tcp",
            Outcome = ProbeStatus.Succeeded,
            QualityLevel = Engine.Media.MediaQuality.Good,
            EstimatedMos = 4.38,
            RoundTripTimeMs = 41.2,
            JitterMs = 3.1,
            LossPercent = 0.8,
            PacketsSent = 250,
            PacketsReceived = 248,
            Peer = "SecondAllocation",
            Samples = Enumerable.Range(1, 5).Select(i => new MediaPathSample(i, 50, i == 3 ? 48 : 50, i == 3 ? 4 : 0, 40 + i, 2 + (i * 0.5))).ToList(),
        };
        ReadinessFigures.Fill(report);
        return ReportBuilder.Judged(report);
    }

    [Fact]
    public void Shows_the_verdict_reasons_with_their_fix_warnings_figures_candidates_and_results()
    {
        var html = HtmlReport.Render(new[] { new ObjectProperties(Degraded()) }, Generated);

        Assert.Contains("<title>Telnyx readiness: PC-0042 Degraded</title>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"banner degraded\"><div class=\"verdict\">Degraded</div>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"code\">ice_turn_required</td>", html, StringComparison.Ordinal);
        Assert.Contains(FindingCodes.IceTurnRequired.Remediation, html, StringComparison.Ordinal);
        Assert.Contains("Consequence of ice_turn_required: UDP is blocked.", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Best relay</dt><dd>203.0.113.10:443 over Tcp</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>User</dt><dd>CORP\\alice</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Checked at</dt><dd>2026-12-01 10:00:00 UTC</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<td>relay</td><td>203.0.113.10:49160</td>", html, StringComparison.Ordinal);
        Assert.Contains("turn:203.0.113.10:443?transport=tcp (tcp)", html, StringComparison.Ordinal);
        Assert.Contains("<h2>TURN</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Media quality</dt><dd>Good</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Through</dt><dd>203.0.113.10:443 over Tcp (peer: SecondAllocation)</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plots_RTT_and_jitter_per_second_as_inline_SVG_with_the_seconds_of_loss_marked()
    {
        var html = HtmlReport.Render(new[] { new ObjectProperties(Degraded()) }, Generated);

        var start = html.IndexOf("<svg", StringComparison.Ordinal);
        var svg = System.Xml.Linq.XElement.Parse(html.Substring(start, html.IndexOf("</svg>", start, StringComparison.Ordinal) + 6 - start));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(new[] { "#1565c0", "#2e7d32" }, svg.Elements(ns + "polyline").Select(p => (string?)p.Attribute("stroke")));
        Assert.Single(svg.Elements(ns + "line"), l => (string?)l.Attribute("class") == "mark");
        Assert.Equal(5, svg.Elements(ns + "polyline").First().Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void Fetches_nothing_and_runs_nothing()
    {
        var html = HtmlReport.Render(new[] { new ObjectProperties(Degraded()) }, Generated);

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">", html, StringComparison.Ordinal);
        foreach (var fetch in new[] { "<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "http://", "https://" })
        {
            Assert.DoesNotContain(fetch, html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void What_servers_sent_stays_text()
    {
        var report = Degraded();
        report.ComputerName = "<script>alert('pc')</script>";
        report.Stun = new[] { ReportBuilder.StunResult("\"><img src=x onerror=alert(1)>", FailureReason.Timeout, "<iframe src=\"http://evil.example/\"></iframe>") };

        var html = HtmlReport.Render(new[] { new ObjectProperties(report) }, Generated);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;pc&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_machines_get_an_overview_and_a_section_each()
    {
        var ready = ReportBuilder.Judged(ReportBuilder.NewReport());
        ready.ComputerName = "PC-0001";

        var html = HtmlReport.Render(new IReportProperties[] { new ObjectProperties(ready), new ObjectProperties(Degraded()) }, Generated);

        Assert.Contains("<title>Telnyx readiness: 2 machines</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#machine-2\">PC-0042</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"pill ready\">Ready</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"machine-1\"", html, StringComparison.Ordinal);
        Assert.Contains("No reason: nothing found stands in the way of calls.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verdict_gets_no_class_of_its_own()
    {
        var html = HtmlReport.Render(new IReportProperties[] { new FixedVerdict("x\" onload=\"alert(1)") }, Generated);

        Assert.Contains("class=\"banner inconclusive\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onload=\"", html, StringComparison.Ordinal);
    }

    private sealed class FixedVerdict : IReportProperties
    {
        private readonly string _verdict;

        public FixedVerdict(string verdict) => _verdict = verdict;

        public string Text(string name) => name == "Verdict" ? _verdict : string.Empty;

        public IReportProperties? Object(string name) => null;

        public IReadOnlyList<IReportProperties> List(string name) => Array.Empty<IReportProperties>();
    }
}
