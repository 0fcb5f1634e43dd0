using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Integration;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// Test-TelnyxFirewall driven end to end by a catalog file whose every row points at the lab
/// (Kestrel WSS on .12:443, coturn STUN/TURN on .10/.11, a TLS coturn on .13:443, SIP and media
/// rows), from the client behind the NAT: with no firewall everything testable is Allowed; with
/// only TCP 443 open, signaling and TURN over TCP/TLS 443 are Allowed and every UDP rule Blocked;
/// with DROP and REJECT per rule, each rule is Blocked or Rejected exactly as its firewall rule
/// says; and the cmdlet itself, run in the client namespace, reads the same file.
/// </summary>
[Trait("Category", "Lab")]
public sealed class FirewallRuleLabTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(6);

    /// <summary>The lab catalog's rows, in file order, as "Service Protocol Port Host".</summary>
    private static readonly string[] Rows =
    {
        "Signaling Wss 443 " + SignalingLab.WssAddress,
        "Stun Udp 3478 " + NetworkLab.ServerAddress,
        "Stun Udp 3479 " + NetworkLab.AlternateServerAddress,
        "Turn Udp 3478 " + NetworkLab.ServerAddress,
        "Turn Tcp 443 " + NetworkLab.ServerAddress,
        "Turn Tcp 3478 " + NetworkLab.ServerAddress,
        "Turn Tls 443 " + SignalingLab.TurnTlsAddress,
        "Sip Udp 5060 " + NetworkLab.ServerAddress,
        "Media Udp 16384-32768 *",
    };

    [Fact]
    public async Task With_no_firewall_every_testable_rule_is_Allowed()
    {
        await using var lab = await FirewallLab.StartAsync();

        var results = await lab.RunAsync(Timeout);

        Assert.Equal(new[] { "Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "NotTestable" }, results.Select(r => r.Verdict));
        Assert.True(FirewallTest.Passed(results));
        Assert.Contains("realm 'test.local'", results[3].Evidence, StringComparison.Ordinal);
        Assert.Equal(Rows, results.Select(Describe));
    }

    [Fact]
    public async Task With_only_TCP_443_open_signaling_and_TURN_over_TCP_and_TLS_443_pass_and_UDP_is_Blocked()
    {
        await using var lab = await FirewallLab.StartAsync();
        await lab.Lab.ApplyAsync(Scenario.UdpBlocked);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await lab.RunAsync(Timeout);

        Assert.True(watch.Elapsed < Timeout + Grace, "the blocked rules cost one bound together: " + watch.Elapsed);
        Assert.Equal(new[] { "Allowed", "Blocked", "Blocked", "Blocked", "Allowed", "Blocked", "Allowed", "Blocked", "NotTestable" }, results.Select(r => r.Verdict));
        Assert.All(results.Where(r => r.Verdict == "Blocked"), r => Assert.Equal("Timeout", r.FailureReason));
        Assert.False(FirewallTest.Passed(results));
        Assert.Equal("Allow outbound UDP 3478 to " + NetworkLab.ServerAddress + " (it is silently dropped now).", results[1].Remediation);
        var findings = FindingCodes.FromFirewall(results);
        Assert.Contains(findings, f => f.Code == "firewall_udp_blocked");
        Assert.Equal(2, findings.Count(f => f.Code == "firewall_rule_blocked"));
    }

    [Fact]
    public async Task DROP_and_REJECT_per_rule_give_Blocked_and_Rejected_rule_by_rule()
    {
        await using var lab = await FirewallLab.StartAsync();
        await lab.PerRuleFirewallAsync();

        var results = await lab.RunAsync(Timeout);

        Assert.Equal(new[] { "Rejected", "Blocked", "Rejected", "Blocked", "Allowed", "Rejected", "Allowed", "Allowed", "NotTestable" }, results.Select(r => r.Verdict));
        Assert.Equal(new[] { "Refused", "Timeout", "Refused", "Timeout", "None", "Refused", "None", "None", "None" }, results.Select(r => r.FailureReason));
        Assert.Equal("Allow outbound TCP (WSS) 443 to " + SignalingLab.WssAddress + " (a firewall rejects it now).", results[0].Remediation);
    }

    [Fact]
    public async Task The_CLI_and_the_cmdlet_read_the_lab_catalog_file_and_report_the_same_verdicts()
    {
        await using var lab = await FirewallLab.StartAsync();
        await lab.PerRuleFirewallAsync();
        var expected = new[] { "Rejected", "Blocked", "Rejected", "Blocked", "Allowed", "Rejected", "Allowed", "Allowed", "NotTestable" };

        var cli = await lab.Lab.Client.RunAsync(await TelnyxCli.PathAsync(), new[] { "firewall", "--catalog", lab.CatalogFile, "--skip-certificate-check", "--no-proxy", "--timeout", "4", "--json" }, TimeSpan.FromSeconds(60));
        var cmdlet = await lab.Lab.Client.RunAsync(
            BoundedProcess.DotnetHost(),
            new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "Import-Module '" + ModulePath() + "'; Test-TelnyxFirewall -Catalog '" + lab.CatalogFile + "' -SkipCertificateCheck -NoProxy -TimeoutSeconds 4 | ConvertTo-Json -Depth 2" },
            TimeSpan.FromSeconds(90));

        Assert.True(cli.ExitCode == 1, cli.ToString());
        Assert.Equal(expected, JsonDocument.Parse(cli.StandardOutput).RootElement.EnumerateArray().Select(r => r.GetProperty("verdict").GetString()));
        Assert.True(cmdlet.ExitCode == 0, cmdlet.ToString());
        var rows = JsonDocument.Parse(cmdlet.StandardOutput).RootElement.EnumerateArray().ToList();
        Assert.Equal(expected, rows.Select(r => r.GetProperty("Verdict").GetString()));
        Assert.Equal(Rows, rows.Select(r => r.GetProperty("Service").GetString() + " " + r.GetProperty("Transport").GetString() + " " + (r.GetProperty("PortRange").GetString() is { Length: > 0 } range ? range : r.GetProperty("Port").GetInt32().ToString()) + " " + r.GetProperty("Server").GetString()));
    }

    private static string Describe(FirewallRuleResult r) => r.Service + " " + r.Transport + " " + (r.PortRange.Length > 0 ? r.PortRange : r.Port.ToString()) + " " + r.Server;

    /// <summary>The built module (every build of src/TelnyxNet lays it out in out/TelnyxNet).</summary>
    private static string ModulePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "TelnyxNet.sln")))
        {
            directory = directory.Parent;
        }

        var manifest = Path.Combine(directory?.FullName ?? ".", "out", "TelnyxNet", "TelnyxNet.psd1");
        Assert.True(File.Exists(manifest), "The module is not built: " + manifest + " (dotnet build src/TelnyxNet)");
        return manifest;
    }
}
