using System.Globalization;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Bench.Scenario;
using TelnyxNet.Lab;

namespace TelnyxNet.Bench.Firewall;

/// <summary>
/// <c>firewall</c>: the time to a verdict on an all-blocked network. A network lab (as root) whose
/// NAT drops everything from the client; a catalog of one rule of every probe kind (WSS, STUN over
/// UDP, TURN over UDP, TCP and TLS, SIP over WebSocket) at lab addresses. Whole
/// <c>telnyxnet firewall</c> processes in the client namespace: all the rules in one run (they are
/// tested at once under one --timeout), against the same rules one run per rule, one after another,
/// which is what testing the rules one by one costs (Test-NetConnection's way).
/// </summary>
internal static class FirewallScenarioCommand
{
    private static readonly string[] Rows =
    {
        LabCommandLines.CatalogRow("Signaling", SignalingLab.WssAddress, 443, "Wss"),
        LabCommandLines.CatalogRow("Stun", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
        LabCommandLines.CatalogRow("Stun", NetworkLab.AlternateServerAddress, NetworkLab.AlternatePort, "Udp"),
        LabCommandLines.CatalogRow("Turn", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
        LabCommandLines.CatalogRow("Turn", NetworkLab.ServerAddress, NetworkLab.WebPort, "Tcp"),
        LabCommandLines.CatalogRow("Turn", NetworkLab.ServerAddress, NetworkLab.StunPort, "Tcp"),
        LabCommandLines.CatalogRow("Turn", SignalingLab.TurnTlsAddress, 443, "Tls"),
        LabCommandLines.CatalogRow("Sip", NetworkLab.ServerAddress, 7443, "Wss"),
    };

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var runs = args.Int("--runs", 1, 100, 5);
        var sequentialRuns = args.Int("--sequential-runs", 1, 100, 2);
        var timeout = args.Int("--timeout", 1, 60, 3);
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        args.RejectUnknown();

        await using var lab = await NetworkLab.StartAsync().ConfigureAwait(false);
        await lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-j", "DROP").ConfigureAwait(false);
        var all = Path.Combine(lab.Directory, "all-blocked.json");
        File.WriteAllText(all, "[" + string.Join(",", Rows) + "]");
        var single = Rows.Select((row, i) =>
        {
            var file = Path.Combine(lab.Directory, "rule-" + i.ToString(CultureInfo.InvariantCulture) + ".json");
            File.WriteAllText(file, "[" + row + "]");
            return file;
        }).ToList();
        var bound = TimeSpan.FromSeconds(timeout * 4 + 10);
        Console.WriteLine("firewall: " + lab + ": the NAT drops everything from " + NetworkLab.ClientAddress + "; " + Rows.Length + " rules, --timeout " + timeout + " s; telnyxnet (" + cli.Description + ").");

        var parallel = new List<ProcessRun>();
        for (var i = 0; i < runs; i++)
        {
            parallel.Add(await ProcessTimer.RunAsync(LabCommandLines.InClient(lab, Firewall(cli, all, timeout)), bound).ConfigureAwait(false));
        }

        var sequential = new List<double>();
        for (var i = 0; i < sequentialRuns; i++)
        {
            var total = 0.0;
            foreach (var file in single)
            {
                total += (await ProcessTimer.RunAsync(LabCommandLines.InClient(lab, Firewall(cli, file, timeout)), bound).ConfigureAwait(false)).ElapsedMs;
            }

            sequential.Add(total);
        }

        var verdicts = parallel.Count(r => r.ExitCode == 1 && AllBlocked(r.Output));
        ResultRow.Append(results, new[]
        {
            new ResultRow("firewall.parallel", Sample.Of(parallel.Select(r => r.ElapsedMs).ToList()), "telnyxnet firewall, " + Rows.Length + " rules at once, all dropped, --timeout " + timeout + " s; every rule Blocked in " + verdicts + "/" + runs),
            new ResultRow("firewall.sequential", Sample.Of(sequential), "the same " + Rows.Length + " rules one telnyxnet firewall run each, one after another"),
        });
        return verdicts == runs ? 0 : 1;
    }

    private static BenchCommandLine Firewall(BenchCommandLine cli, string catalog, int timeout) =>
        cli.With("firewall", "--catalog", catalog, "--no-proxy", "--timeout", timeout.ToString(CultureInfo.InvariantCulture), "--json");

    /// <summary>True when the JSON the run printed gives every rule the verdict Blocked.</summary>
    private static bool AllBlocked(string output)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(output);
            var verdicts = json.RootElement.EnumerateArray().Select(r => r.GetProperty("verdict").GetString()).ToList();
            return verdicts.Count == Rows.Length && verdicts.All(v => v == "Blocked");
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
