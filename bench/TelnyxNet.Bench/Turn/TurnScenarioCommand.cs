using System.Globalization;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Bench.Scenario;

namespace TelnyxNet.Bench.Turn;

/// <summary>
/// <c>turn</c>: whole-process timings of one <c>telnyxnet turn --server turn:127.0.0.1:P --username alice</c>
/// (allocate with the 401 challenge, prove the relay both ways, delete) against one
/// <c>turnutils_uclient</c> run that does the comparable work (allocate, relay a few packets to an
/// echo peer and back, delete) on the same private coturn, interleaved after warm-up, with
/// <c>telnyxnet --version</c> as the floor; then how many allocations each left on the server.
/// </summary>
internal static class TurnScenarioCommand
{
    private const string PasswordVariable = "TELNYXNET_TURN_PASSWORD";

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var runs = args.Int("--runs", 1, 1000, 10);
        var warmup = args.Int("--warmup", 0, 100, 1);
        var packets = args.Int("--packets", 1, 100, 3);
        var bound = TimeSpan.FromSeconds(args.Int("--bound", 1, 600, 20));
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        var turnserver = args.Text("--turnserver", "turnserver");
        var uclient = new BenchCommandLine(args.Text("--uclient", "turnutils_uclient"), Array.Empty<string>(), "turnutils_uclient");
        var peer = args.Text("--peer", "turnutils_peer");
        args.RejectUnknown();

        using var lab = await TurnLab.StartAsync(turnserver, peer).ConfigureAwait(false);

        // The children inherit the password from this process's environment, never from their command line.
        Environment.SetEnvironmentVariable(PasswordVariable, TurnLab.Password);
        var hostPort = "127.0.0.1:" + lab.Port;
        var ours = cli.With("turn", "--server", "turn:" + hostPort, "--username", TurnLab.OurUser);
        var theirs = uclient.With("-u", TurnLab.PeerUser, "-w", TurnLab.Password, "-c", "-e", "127.0.0.1", "-r", Invariant(lab.PeerPort), "-n", Invariant(packets), "-z", "1", "-p", Invariant(lab.Port), "127.0.0.1");
        var floor = cli.With("--version");
        Console.WriteLine("turn: telnyxnet as " + cli.Description + "; coturn on " + hostPort + ", echo peer on 127.0.0.1:" + lab.PeerPort + "; every run bounded at " + bound.TotalSeconds + " s.");
        Console.WriteLine("turn: " + warmup + " warm-up + " + runs + " interleaved runs of '" + ours + "', '" + theirs + "' and 'telnyxnet --version'.");

        var commands = new[] { ours, theirs, floor };
        var timings = commands.Select(_ => new List<ProcessRun>()).ToArray();
        for (var round = -warmup; round < runs; round++)
        {
            for (var j = 0; j < commands.Length; j++)
            {
                // Rotate who goes first so that none always runs on caches another one warmed.
                var k = (Math.Abs(round) + j) % commands.Length;
                var run = await ProcessTimer.RunAsync(commands[k], bound).ConfigureAwait(false);
                if (round >= 0)
                {
                    timings[k].Add(run);
                }
                else if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException("warm-up run of '" + commands[k] + "' failed (" + (run.KilledAtBound ? "killed at bound" : "exit " + run.ExitCode) + "): " + run.Output.Trim());
                }
            }
        }

        var verdicts = timings[0].Select(r => TurnVerdict.Parse(r.Output, hostPort)).ToList();
        var (ourCreated, ourDeleted) = await lab.AllocationsAsync(TurnLab.OurUser).ConfigureAwait(false);
        var (peerCreated, peerDeleted) = await lab.AllocationsAsync(TurnLab.PeerUser).ConfigureAwait(false);
        var rows = new List<ResultRow>
        {
            new("turn.telnyxnet", Times(timings[0]), cli.Description + "; exit 0 in " + Exits(timings[0]) + "; relay verified in " + verdicts.Count(v => v.RelayVerified) + "/" + runs + "; allocations created " + ourCreated + ", deleted " + ourDeleted),
            new("turn.uclient", Times(timings[1]), "-n " + packets + " -z 1 -c; exit 0 in " + Exits(timings[1]) + "; allocations created " + peerCreated + ", deleted " + peerDeleted),
            new("turn.telnyxnet.startup", Times(timings[2]), "'telnyxnet --version': runtime start and argument parsing, no network; exit 0 in " + Exits(timings[2])),
            new("turn.telnyxnet.reported_allocate", Sample.Of(verdicts.Where(v => v.AllocateTimeMs.HasValue).Select(v => v.AllocateTimeMs!.Value).ToList()), "AllocateTimeMs printed by telnyxnet (connection set-up to Allocate success, challenge included, cold process)"),
        };
        ResultRow.Append(results, rows);
        PrintRatio(rows[0].Sample, rows[1].Sample, "telnyxnet turn / turnutils_uclient (whole process)");
        PrintRatio(rows[2].Sample, rows[1].Sample, "telnyxnet --version / turnutils_uclient (whole process)");
        return timings[0].All(r => r.ExitCode == 0) && timings[1].All(r => r.ExitCode == 0) ? 0 : 1;
    }

    private static Sample Times(IEnumerable<ProcessRun> runs) => Sample.Of(runs.Select(r => r.ElapsedMs).ToList());

    private static string Exits(IReadOnlyCollection<ProcessRun> runs) => runs.Count(r => r.ExitCode == 0) + "/" + runs.Count;

    private static void PrintRatio(Sample numerator, Sample denominator, string label) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio\t{label}: median {numerator.MedianMs / denominator.MedianMs:0.000}, p90 {numerator.P90Ms / denominator.P90Ms:0.000}, min {numerator.MinMs / denominator.MinMs:0.000}"));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
