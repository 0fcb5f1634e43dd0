using System.Text.Json;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet signaling</c>, <c>endpoints</c> and <c>firewall</c> as processes: exit codes, the three output formats and usage errors.</summary>
public sealed class CliSignalingTests : IClassFixture<LoopbackWssServers>
{
    private readonly LoopbackWssServers _servers;

    public CliSignalingTests(LoopbackWssServers servers) => _servers = servers;

    [Fact]
    public async Task Signaling_prints_a_table_and_exits_0_when_the_WebSocket_opened_and_held()
    {
        var run = await TelnyxCli.RunAsync("signaling", "--uri", _servers.Plain.Uri(), "--hold", "1", "--no-proxy");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Uri", lines[0], StringComparison.Ordinal);
        Assert.Contains("Succeeded", Assert.Single(lines, l => l.StartsWith(_servers.Plain.Uri(), StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("Fix:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signaling_prints_camelCase_JSON_and_exits_1_with_the_failure_and_its_fix()
    {
        var json = await TelnyxCli.RunAsync("signaling", "--uri", _servers.Plain.Uri("/forbidden"), "--no-proxy", "--json");
        var table = await TelnyxCli.RunAsync("signaling", "--uri", _servers.Tls.Uri(), "--no-proxy", "--hold", "0");

        Assert.True(json.ExitCode == 1, json.ToString());
        var result = Assert.Single(JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray());
        Assert.Equal("UpgradeRejected", result.GetProperty("failureReason").GetString());
        Assert.Equal(403, result.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("Ws", result.GetProperty("transport").GetString());
        Assert.True(table.ExitCode == 1, table.ToString());
        Assert.Contains("TlsFailure", table.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(table.StandardOutput.Split('\n'), l => l.TrimStart().StartsWith("Fix:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signaling_writes_the_Export_Csv_headers_and_echoes_a_skipped_certificate_check()
    {
        var run = await TelnyxCli.RunAsync("signaling", "--uri", _servers.Tls.Uri(), "--no-proxy", "--hold", "0", "--skip-certificate-check", "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"ComputerName\",\"Server\",\"Port\",\"Transport\",\"Status\",\"FailureReason\",\"Uri\",\"ProxyUsed\"", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("\"Message\",\"Remediation\",\"Timestamp\"", lines[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains("\"True\"", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signaling --uri https://rtc.telnyx.com", "is not a valid WebSocket URI")]
    [InlineData("signaling --uri ws://127.0.0.1:1/ --proxy socks5://127.0.0.1:1080", "--proxy: 'socks5://127.0.0.1:1080' is not an HTTP proxy")]
    [InlineData("signaling --uri ws://127.0.0.1:1/ --proxy http://bob:hunter2@127.0.0.1:3128", "a password on the command line is visible")]
    [InlineData("signaling --uri ws://127.0.0.1:1/ --proxy 127.0.0.1:3128 --no-proxy", "--no-proxy connects directly")]
    [InlineData("signaling --hold 3601", "--hold: '3601' is not a whole number from 0 to 3600.")]
    [InlineData("signaling --region mars", "mars")]
    [InlineData("endpoints --service web", "web")]
    [InlineData("firewall --environment staging", "staging")]
    public async Task Exits_2_with_one_line_naming_the_option_and_value(string arguments, string expected)
    {
        var run = await TelnyxCli.RunAsync(arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.StandardError + run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_user_without_a_password_anywhere_is_a_usage_error_not_a_prompt()
    {
        var run = await TelnyxCli.RunAsync(new Dictionary<string, string?> { ["TELNYXNET_PROXY_PASSWORD"] = null }, "signaling", "--uri", "ws://127.0.0.1:1/", "--proxy", "127.0.0.1:3128", "--proxy-user", "bob");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("TELNYXNET_PROXY_PASSWORD", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_prints_the_catalog_as_CSV_and_its_JSON_reads_back_as_a_catalog()
    {
        var csv = await TelnyxCli.RunAsync("endpoints", "--required-only", "--csv");
        var json = await TelnyxCli.RunAsync("endpoints", "--service", "turn", "--json");
        var file = Path.Combine(Path.GetTempPath(), "telnyxnet-cli-catalog-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(file, json.StandardOutput);
            var back = await TelnyxCli.RunAsync("endpoints", "--catalog", file, "--json");

            Assert.True(csv.ExitCode == 0, csv.ToString());
            var lines = csv.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("\"Service\",\"Host\",\"Port\",\"PortRange\",\"Protocol\",\"Direction\",\"Required\",\"Purpose\",\"Source\",\"Environment\",\"Rule\"", lines[0].TrimEnd('\r'));
            Assert.Equal(5, lines.Length);
            Assert.True(back.ExitCode == 0, back.ToString());
            Assert.Equal(json.StandardOutput, back.StandardOutput);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_bad_catalog_file_is_a_usage_error_naming_the_file_row_and_field()
    {
        var file = Path.Combine(Path.GetTempPath(), "telnyxnet-cli-bad-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "[{\"Service\":\"Turn\",\"Host\":\"127.0.0.1\",\"Port\":99999,\"Protocol\":\"Udp\"}]");
        try
        {
            var endpoints = await TelnyxCli.RunAsync("endpoints", "--catalog", file);
            var firewall = await TelnyxCli.RunAsync("firewall", "--catalog", file);

            Assert.True(endpoints.ExitCode == 2 && firewall.ExitCode == 2, endpoints + Environment.NewLine + firewall);
            Assert.Contains("--catalog: " + file + ": row 1 (line 1, column 46): Port is 99999; a port is a whole number from 1 to 65535.", endpoints.StandardError, StringComparison.Ordinal);
            Assert.Contains("Port is 99999", firewall.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Firewall_tests_a_catalog_file_and_exits_by_its_required_rules()
    {
        var closed = FreePorts.Closed();
        var file = Path.Combine(Path.GetTempPath(), "telnyxnet-cli-firewall-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "[{\"Service\":\"Signaling\",\"Host\":\"127.0.0.1\",\"Port\":" + _servers.Tls.EndPoint.Port + ",\"Protocol\":\"Wss\"},{\"Service\":\"Turn\",\"Host\":\"127.0.0.1\",\"Port\":" + closed + ",\"Protocol\":\"Tcp\",\"Required\":false},{\"Service\":\"Media\",\"Host\":\"*\",\"PortRange\":\"16384-32768\",\"Protocol\":\"Udp\"}]");
        try
        {
            var passed = await TelnyxCli.RunAsync("firewall", "--catalog", file, "--skip-certificate-check", "--no-proxy", "--timeout", "3");
            var failed = await TelnyxCli.RunAsync("firewall", "--catalog", file, "--no-proxy", "--timeout", "3", "--json");

            Assert.True(passed.ExitCode == 0, passed.ToString());
            Assert.Contains("Ask for: Allow outbound TCP " + closed + " to 127.0.0.1 (a firewall rejects it now).", passed.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("16384-32768:", passed.StandardOutput, StringComparison.Ordinal);
            Assert.True(failed.ExitCode == 1, failed.ToString());
            Assert.Equal(new[] { "Failed", "Rejected", "NotTestable" }, JsonDocument.Parse(failed.StandardOutput).RootElement.EnumerateArray().Select(r => r.GetProperty("verdict").GetString()));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
