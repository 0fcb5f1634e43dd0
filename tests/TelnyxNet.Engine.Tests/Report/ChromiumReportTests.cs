using TelnyxNet.Engine.Report;

namespace TelnyxNet.Engine.Tests.Report;

/// <summary>
/// The HTML report in a real browser: headless Chromium, in a namespace with only loopback, renders
/// it to a PNG; the page loads with no console message (no script error, no blocked or failed
/// fetch), the verdict is in its DOM, and the banner is painted in the verdict's colour.
/// </summary>
[Trait("Category", "Lab")]
public sealed class ChromiumReportTests
{
    [Fact]
    public async Task Headless_Chromium_renders_the_report_with_no_console_message_and_the_verdict_in_its_banner()
    {
        var html = HtmlReport.Render(new[] { new ObjectProperties(HtmlReportTests.Degraded()) }, DateTimeOffset.UtcNow);

        var render = await HeadlessChromium.RenderAsync(html);

        Assert.True(render.ConsoleMessages.Count == 0, string.Join("\n", render.ConsoleMessages));
        Assert.Contains("<div class=\"verdict\">Degraded</div>", render.Dom, StringComparison.Ordinal);
        Assert.Contains("ice_turn_required", render.Dom, StringComparison.Ordinal);
        Assert.Equal(1200, render.Screenshot.Width);
        Assert.True(render.Screenshot.Count((0xef, 0x6c, 0x00)) > 10_000, "the Degraded banner (#ef6c00) is not painted");
        Assert.Contains("<polyline", render.Dom, StringComparison.Ordinal);
        Assert.True(render.Screenshot.Count((0x15, 0x65, 0xc0)) > 100, "the RTT line (#1565c0) of the media plot is not painted");
    }

    [Fact]
    public async Task The_harness_sees_a_console_error_and_a_failed_fetch()
    {
        var render = await HeadlessChromium.RenderAsync("<!DOCTYPE html><html><body><p id=\"v\">Ready</p><img src=\"http://203.0.113.99/x.png\"><script>console.error('lab-error'); undefinedFunction();</script></body></html>");

        Assert.Contains(render.ConsoleMessages, m => m.Contains("lab-error", StringComparison.Ordinal));
        Assert.Contains(render.ConsoleMessages, m => m.Contains("undefinedFunction", StringComparison.Ordinal));
        Assert.Contains("Ready", render.Dom, StringComparison.Ordinal);
    }
}
