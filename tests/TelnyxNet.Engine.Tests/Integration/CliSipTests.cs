using System.Text.Json;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Sip;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary><c>telnyxnet sip</c> as a process against kamailio and dnsmasq on loopback: exit codes, the three formats, usage errors.</summary>
[Collection(SipLoopbackCollection.Name)]
public sealed class CliSipTests : IDisposable
{
    private readonly SipLoopbackFixture _servers;

    /// <summary>The SIP ALG check's STUN server (--stun-server), instead of stun.telnyx.com.</summary>
    private readonly Hostile.HostileUdpServer _stun = new(Hostile.UdpBehaviours.MappedToSource);

    public CliSipTests(SipLoopbackFixture servers) => _servers = servers;

    public void Dispose() => _stun.Dispose();

    [Fact]
    public async Task Resolves_through_the_given_resolver_and_prints_camelCase_JSON()
    {
        var run = await TelnyxCli.RunAsync("sip", "--server", "sip:" + SipServerFiles.Domain, "--dns-server", _servers.Dns.ToString(), "--transport", "udp", "--transport", "tcp", "--stun-server", _stun.Server, "--throttle", "1", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("Succeeded", r.GetProperty("status").GetString());
            Assert.Equal("Naptr", r.GetProperty("resolvedBy").GetString());
            Assert.Equal(200, r.GetProperty("statusCode").GetInt32());
            Assert.Equal(_servers.Dns.ToString(), r.GetProperty("resolver").GetString());
            Assert.Equal("None", r.GetProperty("dnsFailure").GetString());
            Assert.True(r.GetProperty("resolution").GetArrayLength() >= 3);
        });
        Assert.All(results.Where(r => r.GetProperty("transport").GetString() == "Udp"), r =>
        {
            Assert.Equal("127.0.0.1", r.GetProperty("mappedAddress").GetString());
            Assert.StartsWith("Agrees with the STUN mapping", r.GetProperty("mappingCheck").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Prints_a_table_and_a_footnote_per_failure_and_exits_1_when_nothing_answers()
    {
        var run = await TelnyxCli.RunAsync("sip", "--server", "127.0.0.1:" + FreePorts.Closed(), "--timeout", "2", "--stun-server", _stun.Server);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Server", lines[0], StringComparison.Ordinal);
        Assert.Contains("FailureReason", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(l => l.Contains("Refused", StringComparison.Ordinal) && l.Contains("Failed", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.TrimStart().StartsWith("Fix:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Prints_CSV_with_every_property_as_Export_Csv_names_it()
    {
        var run = await TelnyxCli.RunAsync("sip", "--server", "127.0.0.1:" + _servers.SipPort + ";transport=udp", "--stun-server", _stun.Server, "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"ComputerName\",\"Server\",\"Port\",\"Transport\",\"Status\",\"FailureReason\",\"ResolvedBy\"", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("\"Message\",\"Remediation\",\"Timestamp\"", lines[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("\"Succeeded\"", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dns-server", "dns.example.net")]
    [InlineData("--server", "stun:stun.telnyx.com")]
    [InlineData("--region", "mars")]
    [InlineData("--transport", "sctp")]
    [InlineData("--stun-server", "stuns:stun.example.net")]
    public async Task A_bad_value_is_a_usage_error_that_names_it(string option, string value)
    {
        var run = await TelnyxCli.RunAsync("sip", option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(value, run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_filter_that_leaves_no_server_is_a_usage_error()
    {
        var run = await TelnyxCli.RunAsync("sip", "--server", "sips:pbx.example.net", "--transport", "udp");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--transport leaves out every --server value", run.StandardError, StringComparison.Ordinal);
    }
}
