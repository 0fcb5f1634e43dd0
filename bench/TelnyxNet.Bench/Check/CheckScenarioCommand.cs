using System.Globalization;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Bench.Scenario;
using TelnyxNet.Lab;

namespace TelnyxNet.Bench.Check;

/// <summary>
/// <c>check</c>: how long the readiness check takes on a network that drops everything. A network
/// lab (as root) whose NAT drops everything from the client; a catalog of the lab's signaling, STUN,
/// TURN and media rows. Whole <c>telnyxnet check --timeout T</c> processes in the client namespace
/// (every part at once under one budget: about one part's bound), against the same parts as their
/// own subcommands one after another (signaling, stun, turn, ice, nat, firewall, each with the bound
/// the check gives it): what checking them one by one costs.
/// </summary>
internal static class CheckScenarioCommand
{
    private static readonly string[] Rows =
    {
        LabCommandLines.CatalogRow("Signaling", SignalingLab.WssAddress, 443, "Wss"),
        LabCommandLines.CatalogRow("Stun", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
        LabCommandLines.CatalogRow("Stun", NetworkLab.AlternateServerAddress, NetworkLab.StunPort, "Udp"),
        LabCommandLines.CatalogRow("Turn", NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
        LabCommandLines.CatalogRow("Turn", NetworkLab.ServerAddress, NetworkLab.WebPort, "Tcp"),
        LabCommandLines.CatalogRow("Turn", SignalingLab.TurnTlsAddress, 443, "Tls"),
        "{\"Service\":\"Media\",\"Host\":\"*\",\"PortRange\":\"16384-32768\",\"Protocol\":\"Udp\",\"Direction\":\"Bidirectional\"}",
    };

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var runs = args.Int("--runs", 1, 100, 3);
        var sequentialRuns = args.Int("--sequential-runs", 1, 100, 1);
        var timeout = args.Int("--timeout", 1, 600, 12);
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        args.RejectUnknown();

        // The check's own split of its budget (ConnectivityBudget): each part at most 10 s, STUN, ICE and NAT at most 5 s.
        var part = Math.Min(10, Math.Max(timeout - 9, timeout / 2.0));
        var gathering = Math.Min(5, part);
        await using var lab = await NetworkLab.StartAsync().ConfigureAwait(false);
        await lab.NatIptablesAsync("-A", "FORWARD", "-i", "v-nat-in", "-j", "DROP").ConfigureAwait(false);
        var catalog = Path.Combine(lab.Directory, "all-dropped.json");
        File.WriteAllText(catalog, "[" + string.Join(",", Rows) + "]");
        var bound = TimeSpan.FromSeconds(timeout * 3 + 30);
        Console.WriteLine("check: " + lab + ": the NAT drops everything from " + NetworkLab.ClientAddress + "; --timeout " + timeout + " s (parts " + S(part) + " s, gathering " + S(gathering) + " s); telnyxnet (" + cli.Description + ").");

        var check = new List<ProcessRun>();
        for (var i = 0; i < runs; i++)
        {
            check.Add(await ProcessTimer.RunAsync(LabCommandLines.InClient(lab, cli.With("check", "--catalog", catalog, "--no-proxy", "--no-sip", "--timeout", S(timeout), "--summary")), bound).ConfigureAwait(false));
        }

        var parts = new[]
        {
            cli.With("signaling", "--uri", "wss://" + SignalingLab.WssAddress + "/", "--no-proxy", "--hold", "0", "--timeout", S(Math.Ceiling(part))),
            cli.With("stun", "--server", NetworkLab.ServerAddress + ":3478", "--server", NetworkLab.AlternateServerAddress + ":3478", "--timeout", S(Math.Ceiling(gathering))),
            cli.With("turn", "--server", "turn:" + NetworkLab.ServerAddress + ":3478?transport=udp", "--server", "turn:" + NetworkLab.ServerAddress + ":443?transport=tcp", "--server", "turns:" + SignalingLab.TurnTlsAddress + ":443", "--timeout", S(Math.Ceiling(part))),
            cli.With("ice", "--server", "stun:" + NetworkLab.ServerAddress + ":3478", "--server", "turn:" + NetworkLab.ServerAddress + ":3478?transport=udp", "--timeout", S(Math.Ceiling(gathering))),
            cli.With("nat", "--server", NetworkLab.ServerAddress + ":3478", "--timeout", S(Math.Ceiling(gathering))),
            cli.With("firewall", "--catalog", catalog, "--no-proxy", "--timeout", S(Math.Ceiling(part))),
        };
        var sequential = new List<double>();
        for (var i = 0; i < sequentialRuns; i++)
        {
            var total = 0.0;
            foreach (var command in parts)
            {
                total += (await ProcessTimer.RunAsync(LabCommandLines.InClient(lab, command), bound).ConfigureAwait(false)).ElapsedMs;
            }

            sequential.Add(total);
        }

        var verdicts = check.Count(r => r.ExitCode == 1 && r.Output.StartsWith("Blocked: signaling_blocked, ice_only_host_candidates | ", StringComparison.Ordinal));
        ResultRow.Append(results, new[]
        {
            new ResultRow("check.all_dropped", Sample.Of(check.Select(r => r.ElapsedMs).ToList()), "telnyxnet check, everything dropped, --timeout " + timeout + " s; Blocked: signaling_blocked, ice_only_host_candidates in " + verdicts + "/" + runs),
            new ResultRow("check.parts_in_turn", Sample.Of(sequential), "its parts as their own subcommands, one after another, with the bounds the check gives them"),
        });
        return verdicts == runs ? 0 : 1;
    }

    private static string S(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);
}
