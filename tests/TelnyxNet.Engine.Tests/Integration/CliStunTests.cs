using System.Text.Json;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet stun</c> as a process against coturn on loopback: exit code and the three output formats.</summary>
[Collection(CoturnCollection.Name)]
public sealed class CliStunTests
{
    private readonly CoturnFixture _coturn;

    public CliStunTests(CoturnFixture coturn) => _coturn = coturn;

    private string Server => "127.0.0.1:" + _coturn.ListeningPort;

    [Fact]
    public async Task Prints_a_table_with_Succeeded_and_exits_0()
    {
        var run = await TelnyxCli.RunAsync("stun", "--server", Server);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Server", lines[0], StringComparison.Ordinal);
        Assert.Contains("Status", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.StartsWith(Server, StringComparison.Ordinal));
        Assert.Contains("Succeeded", row, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", row.Substring(Server.Length), StringComparison.Ordinal);
        Assert.DoesNotContain("Fix:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tests_forty_servers_four_at_a_time_with_a_verdict_for_each()
    {
        var arguments = new List<string> { "stun", "--throttle", "4", "--csv" };
        for (var i = 0; i < 40; i++)
        {
            arguments.Add("--server");
            arguments.Add(Server);
        }

        var run = await TelnyxCli.RunAsync(arguments.ToArray());

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Contains("\"Succeeded\"", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Narrates_each_step_on_standard_error_with_verbose_and_keeps_standard_output_clean()
    {
        var run = await TelnyxCli.RunAsync("stun", "--server", Server, "--json", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("VERBOSE: Testing STUN UDP " + Server, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("VERBOSE: Sent Binding request", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("VERBOSE: Answer from 127.0.0.1:" + _coturn.ListeningPort, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("VERBOSE", run.StandardOutput, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(1, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Prints_camelCase_JSON_with_enums_as_strings()
    {
        var run = await TelnyxCli.RunAsync("stun", "--server", Server, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var result = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("127.0.0.1", result.GetProperty("server").GetString());
        Assert.Equal(_coturn.ListeningPort, result.GetProperty("port").GetInt32());
        Assert.Equal("Udp", result.GetProperty("transport").GetString());
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1", result.GetProperty("mappedAddress").GetString());
        Assert.Equal(JsonValueKind.Number, result.GetProperty("roundTripTimeMs").ValueKind);
        Assert.Equal("None", result.GetProperty("failureReason").GetString());
        Assert.False(result.TryGetProperty("Server", out _), "property names must be camelCase");
    }

    [Fact]
    public async Task Prints_CSV_with_Export_Csv_headers()
    {
        var run = await TelnyxCli.RunAsync("stun", "--server", Server, "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"ComputerName\",\"Server\",\"Port\",\"Transport\",\"Status\",\"FailureReason\",", lines[0], StringComparison.Ordinal);
        var headers = lines[0].Split(',');
        Assert.Contains("\"Status\"", headers);
        Assert.Contains("\"MappedAddress\"", headers);
        Assert.Contains("\"FailureReason\"", headers);
        var values = lines[1].Split(',');
        Assert.Equal(headers.Length, values.Length);
        Assert.Equal("\"" + Environment.MachineName + "\"", values[Array.IndexOf(headers, "\"ComputerName\"")]);
        Assert.Equal("\"127.0.0.1\"", values[Array.IndexOf(headers, "\"Server\"")]);
        Assert.Equal("\"" + _coturn.ListeningPort + "\"", values[Array.IndexOf(headers, "\"Port\"")]);
        Assert.Equal("\"Succeeded\"", values[Array.IndexOf(headers, "\"Status\"")]);
    }
}
