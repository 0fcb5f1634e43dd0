using System.Diagnostics;
using System.Text.Json;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet media</c> as a process against coturn on loopback: the three output formats, exit codes 0, 1, 2 and 130 (Ctrl+C, with nothing left on the server).</summary>
[Collection(MediaCoturnCollection.Name)]
public sealed class CliMediaTests
{
    private readonly MediaCoturnFixture _coturn;

    public CliMediaTests(MediaCoturnFixture coturn) => _coturn = coturn;

    private string Udp => "turn:127.0.0.1:" + _coturn.Server.Port;

    private static IReadOnlyDictionary<string, string?> Alice => TurnCliRuns.Environment(password: MediaCoturnFixture.Alice.Password);

    [Fact]
    public async Task Prints_a_table_of_the_measurement_and_exits_0_or_1_by_its_quality()
    {
        var run = await TelnyxCli.RunAsync(Alice, "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "1");

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "Server", "Transport", "Status", "Quality", "RttMs", "JitterMs", "Loss%", "MOS", "FailureReason" }, lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "127.0.0.1:" + _coturn.Server.Port, "Udp", "Succeeded" }, row.Take(3));
        Assert.True(run.ExitCode == (row[3] == "Poor" ? 1 : 0), run.ToString());
        Assert.Equal("0.0", row[6]);
    }

    [Fact]
    public async Task Prints_camelCase_JSON_with_the_legs_samples_and_findings_nested()
    {
        var run = await TelnyxCli.RunAsync(Alice, "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "1", "--json");

        using var json = JsonDocument.Parse(run.StandardOutput);
        var result = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal(run.ExitCode == 1, result.GetProperty("quality").GetString() == "Poor");
        Assert.Equal(50, result.GetProperty("packetsSent").GetInt32());
        Assert.Equal(50, result.GetProperty("packetsReceived").GetInt32());
        Assert.Equal("Outbound", result.GetProperty("outbound").GetProperty("leg").GetString());
        Assert.Equal(1, result.GetProperty("samples")[0].GetProperty("second").GetInt32());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("findings").ValueKind);
        Assert.True(result.GetProperty("deallocated").GetBoolean());
        Assert.Equal("PCMU", result.GetProperty("codec").GetString());
    }

    [Fact]
    public async Task Prints_CSV_with_Export_Csv_headers_in_property_order()
    {
        var run = await TelnyxCli.RunAsync(Alice, "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "1", "--csv");

        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = typeof(MediaPathQuality).GetProperties().Select(p => "\"" + p.Name + "\"");
        Assert.Equal(string.Join(",", expected), lines[0].TrimEnd('\r'));
        Assert.StartsWith("\"" + Environment.MachineName, lines[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Exits_1_with_the_fix_under_the_table_for_a_refused_credential()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(password: "not-the-password"), "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("AuthenticationFailed", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  Fix: ", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--duration", "0", "telnyxnet: --duration: '0' is not a whole number from 1 to 120.")]
    [InlineData("--duration", "121", "telnyxnet: --duration: '121' is not a whole number from 1 to 120.")]
    [InlineData("--duration", "1.5", "telnyxnet: --duration: '1.5' is not a whole number from 1 to 120.")]
    [InlineData("--timeout", "0", "telnyxnet: --timeout: '0' is not a whole number from 1 to 600.")]
    [InlineData("--server", "bad host!", "'bad host!' is not a valid TURN server")]
    [InlineData("--transport", "sctp", "telnyxnet: --transport: 'sctp' is not one of udp, tcp, tls.")]
    public async Task Exits_2_with_one_line_naming_the_option_and_value(string option, string value, string message)
    {
        var run = await TelnyxCli.RunAsync(Alice, "media", option, value, "--username", MediaCoturnFixture.Alice.Name);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_with_the_shortest_set_up_timeout()
    {
        // One second is less than the race's preference grace (2 s); the deadline bounds the grace, not the other way round.
        var run = await TelnyxCli.RunAsync(Alice, "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "1", "--timeout", "1", "--json");

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal("Succeeded", Assert.Single(json.RootElement.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exits_130_on_Ctrl_C_in_the_middle_of_the_stream_and_leaves_no_allocation()
    {
        var start = new ProcessStartInfo(await TelnyxCli.PathAsync())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "media", "--server", Udp, "--username", MediaCoturnFixture.Alice.Name, "--duration", "30", "--verbose" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TELNYXNET_TURN_PASSWORD"] = MediaCoturnFixture.Alice.Password;
        using var process = Process.Start(start)!;
        try
        {
            var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Streamed 1 s", StringComparison.Ordinal) == true)
                {
                    streaming.TrySetResult();
                }
            };
            process.BeginErrorReadLine();
            _ = process.StandardOutput.ReadToEndAsync();
            await streaming.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(await _coturn.Server.Admin.AllocationCountAsync(MediaCoturnFixture.Alice.Name) > 0, "the stream should hold an allocation while it runs");

            using (var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(130, process.ExitCode);
            Assert.Equal(0, await _coturn.Server.Admin.WaitForAllocationCountAsync(0, MediaCoturnFixture.Alice.Name));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
