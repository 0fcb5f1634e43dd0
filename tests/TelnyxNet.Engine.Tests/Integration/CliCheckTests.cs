using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Readiness;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// <c>telnyxnet check</c> as a process, the Intune contract: for every verdict its exit code (0
/// Ready, 1 Blocked, 3 Degraded, 4 Inconclusive), and as the last line of standard output the
/// summary line, at most 2,048 characters, no line break in it, the verdict and the reason codes
/// first; with --summary that line alone; with --json pure JSON and the line on standard error.
/// Every row of the catalog file points at a server on loopback (Kestrel WSS, coturn, silent ports).
/// </summary>
[Collection(CoturnCollection.Name)]
public sealed class CliCheckTests : IClassFixture<LoopbackWssServers>
{
    private readonly CoturnFixture _coturn;
    private readonly LoopbackWssServers _wss;

    public CliCheckTests(CoturnFixture coturn, LoopbackWssServers wss)
    {
        _coturn = coturn;
        _wss = wss;
    }

    [Fact]
    public async Task Ready_exits_0_and_ends_with_the_summary_line()
    {
        var run = await CheckAsync(Rows());

        AssertContract(run, 0, "Ready");
        Assert.Contains("Verdict         Ready", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocked_exits_1_with_signaling_blocked()
    {
        using var closed = ClosedPort(out var port);

        var run = await CheckAsync(Rows().Skip(1).Prepend(TestCatalog.Row("Signaling", "127.0.0.1", port, "Wss")).ToArray());

        var line = AssertContract(run, 1, "Blocked");
        Assert.StartsWith("Blocked: signaling_blocked | ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_exits_3_when_only_TURN_over_TCP_gets_through()
    {
        using var silent = new HostileUdpServer(UdpBehaviours.Silent);
        var port = silent.EndPoint.Port;

        var run = await CheckAsync(new[]
        {
            TestCatalog.Row("Signaling", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss"),
            TestCatalog.Row("Stun", "127.0.0.1", port, "Udp"),
            TestCatalog.Row("Turn", "127.0.0.1", port, "Udp"),
            TestCatalog.Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Tcp"),
        });

        var line = AssertContract(run, 3, "Degraded");
        Assert.StartsWith("Degraded: ice_turn_required | ", line, StringComparison.Ordinal);
        Assert.Contains("Best relay      127.0.0.1:" + _coturn.ListeningPort + " over Tcp", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inconclusive_exits_4_and_says_what_is_missing()
    {
        var run = await CheckAsync(Rows().Take(2).ToArray());

        var line = AssertContract(run, 4, "Inconclusive");
        Assert.StartsWith("Inconclusive: evidence_missing | ", line, StringComparison.Ordinal);
        Assert.EndsWith(" | No TURN server was given, so no relay was tested.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_prints_the_one_line_alone_and_json_keeps_standard_output_pure()
    {
        using var closed = ClosedPort(out var port);
        var rows = Rows().Skip(1).Prepend(TestCatalog.Row("Signaling", "127.0.0.1", port, "Wss")).ToArray();

        var summary = await CheckAsync(rows, "--summary");
        var json = await CheckAsync(rows, "--json");

        Assert.True(summary.ExitCode == 1, summary.ToString());
        Assert.Equal(summary.StandardOutput.TrimEnd('\n'), Assert.Single(summary.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.StartsWith("Blocked: signaling_blocked | ", summary.StandardOutput, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 1, json.ToString());
        var report = Assert.Single(JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray());
        Assert.Equal("Blocked", report.GetProperty("verdict").GetString());
        Assert.Equal("signaling_blocked", report.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Equal(report.GetProperty("summary").GetString(), json.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    [Fact]
    public async Task Csv_gives_one_row_with_the_flat_columns_first()
    {
        var run = await CheckAsync(Rows(), "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"ComputerName\",\"UserName\",\"OS\",\"Timestamp\",\"Verdict\",\"ReasonCodes\",\"WarningCodes\",\"Summary\",", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Ready\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_writes_one_self_contained_page_and_an_unwritable_path_is_a_usage_error()
    {
        var directory = Directory.CreateTempSubdirectory("telnyxnet-check-");
        try
        {
            var page = Path.Combine(directory.FullName, "report.html");
            var written = await CheckAsync(Rows(), "--html", page);
            var refused = await CheckAsync(Rows(), "--html", Path.Combine(directory.FullName, "no-such-folder", "report.html"));

            Assert.True(written.ExitCode == 0, written.ToString());
            Assert.Contains("<div class=\"verdict\">Ready</div>", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.True(refused.ExitCode == 2, refused.ToString());
            Assert.StartsWith("telnyxnet: --html: cannot write '", refused.StandardError, StringComparison.Ordinal);
            Assert.Equal(string.Empty, refused.StandardOutput);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Ctrl_C_in_the_middle_of_the_media_stream_exits_130_at_once_with_no_verdict()
    {
        var file = Path.Combine(Path.GetTempPath(), "telnyxnet-check-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, TestCatalog.Json(Rows()));
        var start = new System.Diagnostics.ProcessStartInfo(await TelnyxCli.PathAsync()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { "check", "--catalog", file, "--username", CoturnFixture.Username, "--no-proxy", "--skip-certificate-check", "--timeout", "60", "--media-duration", "30", "--verbose" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TELNYXNET_TURN_PASSWORD"] = CoturnFixture.Password;
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("media: streaming", StringComparison.Ordinal) == true)
                {
                    streaming.TrySetResult();
                }
            };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEndAsync();
            await streaming.Task.WaitAsync(TimeSpan.FromSeconds(45));
            using (var kill = System.Diagnostics.Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(130, process.ExitCode);
            Assert.Equal(string.Empty, await output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--timeout 0", "--timeout: '0' is not a whole number from 1 to 600.")]
    [InlineData("--media-duration 121", "--media-duration: '121' is not a whole number from 1 to 120.")]
    [InlineData("--region mars", "--region: 'mars' is not one of us-east, us-central, us-west, ca-central, eu, apac, south-asia.")]
    [InlineData("--include-sip --no-sip", "--include-sip and --no-sip cannot be used together")]
    [InlineData("--summary --json", "--summary prints one line")]
    [InlineData("--catalog /nonexistent/catalog.json", "--catalog: The catalog file '/nonexistent/catalog.json' does not exist.")]
    public async Task A_bad_option_is_one_usage_line_and_exit_2(string arguments, string message)
    {
        var run = await TelnyxCli.RunAsync(new[] { "check" }.Concat(arguments.Split(' ')).ToArray());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.StandardOutput);
    }

    /// <summary>Checks the contract and returns the last line of standard output.</summary>
    private static string AssertContract(CliRun run, int exitCode, string verdict)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.EndsWith("\n", run.StandardOutput, StringComparison.Ordinal);
        var last = run.StandardOutput.TrimEnd('\n').Split('\n')[^1];
        Assert.InRange(last.Length, 1, ReadinessSummary.MaxLength);
        Assert.DoesNotContain('\r', last);
        Assert.StartsWith(verdict, last, StringComparison.Ordinal);
        return last;
    }

    private static Socket ClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private string[] Rows() => new[]
    {
        TestCatalog.Row("Signaling", "127.0.0.1", _wss.Tls.EndPoint.Port, "Wss"),
        TestCatalog.Row("Stun", "127.0.0.1", _coturn.ListeningPort, "Udp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Udp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.ListeningPort, "Tcp"),
        TestCatalog.Row("Turn", "127.0.0.1", _coturn.TlsPort, "Tls", required: false),
    };

    private static async Task<CliRun> CheckAsync(string[] rows, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), "telnyxnet-check-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, TestCatalog.Json(rows));
        try
        {
            return await TelnyxCli.RunAsync(
                new Dictionary<string, string?> { ["TELNYXNET_TURN_PASSWORD"] = CoturnFixture.Password },
                new[] { "check", "--catalog", file, "--username", CoturnFixture.Username, "--no-proxy", "--skip-certificate-check", "--timeout", "12", "--media-duration", "1" }.Concat(arguments).ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
