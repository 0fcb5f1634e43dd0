namespace TelnyxNet.Engine.Tests.Report;

/// <summary>What headless Chromium made of a page: its screenshot, the DOM after loading, every console message the page logged, and the whole log.</summary>
internal sealed record ChromiumRender(PngImage Screenshot, string Dom, IReadOnlyList<string> ConsoleMessages, string Log);

/// <summary>
/// Debian's chromium, headless, in a network namespace with only its loopback up (so anything the
/// page tried to fetch would fail and show), its profile, configuration and cache in the
/// namespace's own directory (shared/lab/README.md §4): a screenshot, then the DOM. Bounded; the
/// namespace, its processes and the directory are removed afterwards.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static async Task<ChromiumRender> RenderAsync(string html)
    {
        var chromium = BoundedProcess.Find("chromium") ?? throw new InvalidOperationException("The report rendering test needs chromium (apt-get install chromium fonts-dejavu-core).");
        await using var isolated = await IsolatedNamespace.StartAsync();
        var page = Path.Combine(isolated.Directory, "report.html");
        var screenshot = Path.Combine(isolated.Directory, "report.png");
        await File.WriteAllTextAsync(page, html);
        var shot = await RunAsync(isolated, chromium, "--screenshot=" + screenshot, "--window-size=1200,1600", new Uri(page).AbsoluteUri);
        Assert.True(shot.ExitCode == 0 && File.Exists(screenshot), "chromium made no screenshot: " + shot);
        var dom = await RunAsync(isolated, chromium, "--dump-dom", new Uri(page).AbsoluteUri);
        Assert.True(dom.ExitCode == 0, "chromium did not dump the DOM: " + dom);
        var log = shot.StandardError + dom.StandardError;
        var console = log.Split('\n').Where(l => IsConsole(l) && !IsBrowsersOwn(l)).ToList();
        return new ChromiumRender(PngImage.Read(await File.ReadAllBytesAsync(screenshot)), dom.StandardOutput, console, log);
    }

    private static bool IsConsole(string line) => line.Contains(":CONSOLE", StringComparison.Ordinal) || line.Contains("CONSOLE(", StringComparison.Ordinal);

    /// <summary>A message of Chromium's own pages and components (source chrome://…, such as its "Slow network is detected" font notice), which the page did not write.</summary>
    private static bool IsBrowsersOwn(string line) => line.Contains("source: chrome://", StringComparison.Ordinal);

    private static Task<CliRun> RunAsync(IsolatedNamespace isolated, string chromium, params string[] arguments)
    {
        var home = isolated.Directory;
        return BoundedProcess.RunAsync(
            "ip",
            new[] { "netns", "exec", isolated.Namespace.Name, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + Path.Combine(home, "profile"), "--enable-logging=stderr", "--v=0" }.Concat(arguments),
            Limit,
            new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = Path.Combine(home, "xdg-config"), ["XDG_CACHE_HOME"] = Path.Combine(home, "xdg-cache"), ["HOME"] = home });
    }
}
