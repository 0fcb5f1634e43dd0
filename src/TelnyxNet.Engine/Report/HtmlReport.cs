using System.Globalization;
using System.IO;
using System.Text;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Report;

/// <summary>
/// The readiness report as one self-contained HTML file (Export-TelnyxReport, telnyxnet check
/// --html): the verdict as a banner, the reasons with what to do, the warnings, the key figures,
/// the media path's plot (RTT and jitter per second, the seconds with loss marked), the firewall
/// rules, the ICE candidates and every probe's result, per machine, with an overview first when there
/// are several. No script, no font, no stylesheet or image from anywhere: one inline style sheet,
/// plots as inline SVG, and a Content-Security-Policy that forbids every fetch, so the file opens
/// the same offline, from a mail attachment or a file share. Every value is escaped
/// (<see cref="Html.Escape"/>): what servers sent stays text.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Verdicts = { "Ready", "Degraded", "Blocked", "Inconclusive" };

    private static readonly string Style = string.Join("\n", new[]
    {
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;padding:0 24px 24px;color:#1b1f23;background:#fafafa}",
        "h1{font-size:20px;margin:20px 0 8px}h2{font-size:16px;margin:20px 0 6px}",
        "section.machine{background:#fff;border:1px solid #ddd;border-radius:6px;padding:0 16px 16px;margin:16px 0}",
        ".banner{border-radius:6px;padding:12px 16px;margin:16px 0 8px;color:#fff}",
        ".banner .verdict{font-size:28px;font-weight:700}.banner .summary{margin-top:4px;word-break:break-word}",
        ".ready{background:#2e7d32}.degraded{background:#ef6c00}.blocked{background:#c62828}.inconclusive{background:#546e7a}",
        "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-word}",
        "th{background:#f0f0f0}td.code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;white-space:nowrap}",
        "dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dt{font-weight:600}dd{margin:0}",
        ".pill{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px}",
        ".rule{font-weight:600}.rule.allowed{color:#2e7d32}.rule.denied{color:#c62828}.rule.other{color:#546e7a}",
        "footer{color:#666;font-size:12px;margin-top:16px}",
    });

    /// <summary>The page for <paramref name="reports"/> (one or more machines), generated at <paramref name="generated"/>.</summary>
    public static string Render(IReadOnlyList<IReportProperties> reports, DateTimeOffset generated)
    {
        if (reports is null || reports.Count == 0)
        {
            throw new ArgumentException("At least one report is needed.", nameof(reports));
        }

        var pages = reports.Select(ReportPage.Of).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.Escape(Title(pages))).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>Telnyx call readiness</h1>\n");
        if (pages.Count > 1)
        {
            Overview(html, pages);
        }

        for (var i = 0; i < pages.Count; i++)
        {
            Machine(html, pages[i], i + 1);
        }

        html.Append("<footer>Made by TelnyxNet ").Append(Html.Escape(typeof(HtmlReport).Assembly.GetName().Version?.ToString(3))).Append(" on ")
            .Append(generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC. Self-contained: no script, nothing fetched from anywhere.</footer>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="path"/> (UTF-8, replacing the file).</summary>
    public static void Write(string path, IReadOnlyList<IReportProperties> reports, DateTimeOffset generated) =>
        File.WriteAllText(path, Render(reports, generated), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string Title(IReadOnlyList<ReportPage> pages) =>
        pages.Count == 1 ? "Telnyx readiness: " + pages[0].ComputerName + " " + pages[0].Verdict : "Telnyx readiness: " + pages.Count + " machines";

    private static void Overview(StringBuilder html, IReadOnlyList<ReportPage> pages)
    {
        html.Append("<h2>Machines</h2>");
        Table(html, new[] { "Computer", "Verdict", "Reasons", "Summary" }, pages.Select((p, i) => new[]
        {
            "<a href=\"#machine-" + (i + 1) + "\">" + Html.Escape(p.ComputerName) + "</a>",
            Pill(p.Verdict),
            Html.Escape(p.Report.Text("ReasonCodes")),
            Html.Escape(p.Summary),
        }));
    }

    private static void Machine(StringBuilder html, ReportPage page, int number)
    {
        html.Append("<section class=\"machine\" id=\"machine-").Append(number).Append("\">\n")
            .Append("<div class=\"banner ").Append(Css(page.Verdict)).Append("\"><div class=\"verdict\">").Append(Html.Escape(page.Verdict)).Append("</div>")
            .Append("<div class=\"summary\">").Append(Html.Escape(page.Summary)).Append("</div></div>\n");
        Facts(html, page.Machine);

        html.Append("<h2>Reasons</h2>");
        if (page.Reasons.Count == 0)
        {
            html.Append("<p>No reason: nothing found stands in the way of calls.</p>");
        }
        else
        {
            Findings(html, page.Reasons);
        }

        if (page.Warnings.Count > 0)
        {
            html.Append("<h2>Warnings</h2><p>These do not change the verdict.</p>");
            Findings(html, page.Warnings);
        }

        if (page.Figures.Count > 0)
        {
            html.Append("<h2>Key figures</h2>");
            Facts(html, page.Figures);
        }

        if (page.Media != null)
        {
            html.Append("<h2>Media path</h2>");
            var samples = page.Samples;
            if (samples.Count > 0)
            {
                html.Append(SvgLineChart.Render(
                    new[]
                    {
                        new ChartSeries("RTT ms", "#1565c0", samples.Where(p => p.Rtt.HasValue).Select(p => (p.Second, p.Rtt!.Value)).ToList()),
                        new ChartSeries("jitter ms", "#2e7d32", samples.Where(p => p.Jitter.HasValue).Select(p => (p.Second, p.Jitter!.Value)).ToList()),
                    },
                    samples.Where(p => p.Loss > 0).Select(p => p.Second).ToList(),
                    "second of the stream",
                    "ms (red: seconds with loss)"));
            }

            Facts(html, page.MediaFigures);
        }

        if (page.Firewall.Count > 0)
        {
            html.Append("<h2>Firewall rules</h2>");
            Table(html, new[] { "Service", "Rule", "Required", "Verdict", "What the probe saw", "Ask the network team" }, page.Firewall.Select(r => new[]
            {
                Html.Escape(r.Text("Service")),
                Html.Escape(r.Text("Rule")),
                Html.Escape(r.Text("Required")),
                "<span class=\"rule " + RuleCss(r.Text("Verdict")) + "\">" + Html.Escape(r.Text("Verdict")) + "</span>",
                Html.Escape(r.Text("Evidence")),
                Html.Escape(r.Text("Remediation")),
            }));
        }

        if (page.Candidates.Count > 0)
        {
            html.Append("<h2>ICE candidates</h2>");
            Table(html, new[] { "Type", "Address", "Interface", "Adapter", "Address class", "From" }, page.Candidates.Select(c => Escaped(
                c.Text("Type"),
                HostPort(c.Text("Address"), c.Text("Port")),
                c.Text("Interface"),
                c.Text("AdapterKind"),
                c.Text("AddressClass"),
                c.Text("RelayProtocol").Length > 0 ? c.Text("Server") + " (" + c.Text("RelayProtocol") + ")" : c.Text("Server"))));
        }

        foreach (var (part, results) in page.Parts)
        {
            html.Append("<h2>").Append(Html.Escape(part)).Append("</h2>");
            Table(html, new[] { "Server", "Transport", "Address", "Status", "Failure reason", "Message" }, results.Select(r => Escaped(
                HostPort(r.Text("Server"), r.Text("Port")),
                r.Text("Transport"),
                r.Text("RemoteAddress"),
                r.Text("Status"),
                r.Text("FailureReason") == "None" ? string.Empty : r.Text("FailureReason"),
                r.Text("Message"))));
        }

        html.Append("</section>\n");
    }

    private static void Findings(StringBuilder html, IReadOnlyList<IReportProperties> findings)
    {
        html.Append("<table><tr><th>Code</th><th>Source</th><th>What was found</th><th>What to do</th></tr>");
        foreach (var finding in findings)
        {
            html.Append("<tr><td class=\"code\">").Append(Html.Escape(finding.Text("Code"))).Append("</td><td>").Append(Html.Escape(finding.Text("Source")))
                .Append("</td><td>").Append(Html.Escape(finding.Text("Message"))).Append("</td><td>").Append(Html.Escape(finding.Text("Remediation"))).Append("</td></tr>");
        }

        html.Append("</table>\n");
    }

    private static void Facts(StringBuilder html, IReadOnlyList<(string Label, string Value)> facts)
    {
        html.Append("<dl>");
        foreach (var (label, value) in facts)
        {
            html.Append("<dt>").Append(Html.Escape(label)).Append("</dt><dd>").Append(Html.Escape(value)).Append("</dd>");
        }

        html.Append("</dl>\n");
    }

    /// <summary>A table whose cells are already HTML.</summary>
    private static void Table(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>").Append(string.Concat(headers.Select(h => "<th>" + Html.Escape(h) + "</th>"))).Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>").Append(string.Concat(row.Select(cell => "<td>" + cell + "</td>"))).Append("</tr>");
        }

        html.Append("</table>\n");
    }

    private static string[] Escaped(params string[] cells) => cells.Select(Html.Escape).ToArray();

    private static string Pill(string verdict) => "<span class=\"pill " + Css(verdict) + "\">" + Html.Escape(verdict) + "</span>";

    /// <summary>The verdict's CSS class: only the four verdicts have one.</summary>
    private static string Css(string verdict) => Verdicts.Contains(verdict) ? verdict.ToLowerInvariant() : "inconclusive";

    /// <summary>A firewall verdict's CSS class: allowed, denied (blocked, rejected, intercepted, failed, no name) or other (not testable).</summary>
    private static string RuleCss(string verdict) => verdict == "Allowed" ? "allowed" : verdict == "NotTestable" ? "other" : "denied";

    private static string HostPort(string host, string port) =>
        host.Length == 0 ? string.Empty : int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0 ? StunServerAddress.FormatHostPort(host, number) : host;
}
