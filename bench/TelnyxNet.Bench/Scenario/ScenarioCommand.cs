using System.Net;
using System.Net.Sockets;
using TelnyxNet.Bench.Measurement;

namespace TelnyxNet.Bench.Scenario;

/// <summary>
/// <c>scenario</c>: whole-process timings of <c>telnyxnet stun</c> against <c>turnutils_stunclient</c>
/// on the same STUN server, interleaved after warm-up, then time to verdict for a refused and a
/// silent UDP port, where turnutils_stunclient (which has no timeout) only ends at the bound.
/// </summary>
internal static class ScenarioCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var port = args.Int("--port", 1, 65535);
        var runs = args.Int("--runs", 1, 10_000, 30);
        var warmup = args.Int("--warmup", 0, 1000, 3);
        var refusedRuns = args.Int("--refused-runs", 1, 1000, 5);
        var bound = TimeSpan.FromSeconds(args.Int("--bound", 1, 600, 10));
        var silentTimeout = args.Int("--silent-timeout", 1, 600, 5);
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        var turnutils = new BenchCommandLine(args.Text("--turnutils", "turnutils_stunclient"), Array.Empty<string>(), "turnutils_stunclient");
        args.RejectUnknown();

        var server = "127.0.0.1:" + port;
        var ours = cli.With("stun", "--server", server);
        var peer = turnutils.With("-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1");
        Console.WriteLine("scenario: telnyxnet as " + cli.Description + "; every run bounded at " + bound.TotalSeconds + " s.");
        Console.WriteLine("scenario: " + warmup + " warm-up + " + runs + " interleaved runs of '" + ours + "', '" + peer + "' and 'telnyxnet --version'.");

        var floor = cli.With("--version");
        for (var i = 0; i < warmup; i++)
        {
            await ExpectSuccessAsync(ours, bound).ConfigureAwait(false);
            await ExpectSuccessAsync(peer, bound).ConfigureAwait(false);
            await ExpectSuccessAsync(floor, bound).ConfigureAwait(false);
        }

        var commands = new[] { ours, peer, floor };
        var timings = commands.Select(_ => new List<ProcessRun>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            // Rotate who goes first so that none always runs on caches another one warmed.
            for (var j = 0; j < commands.Length; j++)
            {
                var k = (i + j) % commands.Length;
                timings[k].Add(await ProcessTimer.RunAsync(commands[k], bound).ConfigureAwait(false));
            }
        }

        var (oursRuns, peerRuns, floorRuns) = (timings[0], timings[1], timings[2]);
        var verdicts = oursRuns.Select(r => CliVerdict.Parse(r.Output, server)).ToList();
        var reportedRtts = verdicts.Where(v => v.RoundTripTimeMs.HasValue).Select(v => v.RoundTripTimeMs!.Value).ToList();
        var rows = new List<ResultRow>
        {
            new("scenario.telnyxnet", Sample.Of(oursRuns.Select(r => r.ElapsedMs).ToList()), cli.Description + "; exit 0 in " + oursRuns.Count(r => r.ExitCode == 0) + "/" + runs),
            new("scenario.turnutils", Sample.Of(peerRuns.Select(r => r.ElapsedMs).ToList()), "exit 0 in " + peerRuns.Count(r => r.ExitCode == 0) + "/" + runs),
            new("scenario.telnyxnet.startup", Sample.Of(floorRuns.Select(r => r.ElapsedMs).ToList()), "'telnyxnet --version': runtime start and argument parsing, no network; exit 0 in " + floorRuns.Count(r => r.ExitCode == 0) + "/" + runs),
            new("scenario.telnyxnet.reported_rtt", Sample.Of(reportedRtts), "RoundTripTimeMs printed by telnyxnet (first request of a fresh process)"),
        };

        if (PeakMemory.Available)
        {
            const int MemoryRuns = 5;
            foreach (var (key, command) in new[] { ("memory.telnyxnet", ours), ("memory.telnyxnet.startup", floor), ("memory.turnutils", peer) })
            {
                rows.Add(new ResultRow(key, Sample.Of(await PeakMemory.MeasureAsync(command, MemoryRuns, bound).ConfigureAwait(false)), "peak RSS in KiB of '" + command + "' (GNU time %M), " + MemoryRuns + " separate runs"));
            }
        }

        rows.AddRange(await FailureCasesAsync(ours: cli, peer: turnutils, bound, refusedRuns, silentTimeout).ConfigureAwait(false));
        ResultRow.Append(results, rows);
        return oursRuns.All(r => r.ExitCode == 0) && peerRuns.All(r => r.ExitCode == 0) ? 0 : 1;
    }

    private static async Task<IEnumerable<ResultRow>> FailureCasesAsync(BenchCommandLine ours, BenchCommandLine peer, TimeSpan bound, int refusedRuns, int silentTimeout)
    {
        // Refused: a port nothing listens on, so ICMP port unreachable comes back.
        var refusedPort = FreeUdpPort();
        // Silent: a bound socket that never reads or answers, so nothing at all comes back.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var silentPort = ((IPEndPoint)silent.LocalEndPoint!).Port;
        Console.WriteLine("scenario: failure cases: refused 127.0.0.1:" + refusedPort + ", silent 127.0.0.1:" + silentPort + " (telnyxnet --timeout " + silentTimeout + ").");

        var refusedOurs = new List<ProcessRun>();
        for (var i = 0; i < refusedRuns; i++)
        {
            refusedOurs.Add(await ProcessTimer.RunAsync(ours.With("stun", "--server", "127.0.0.1:" + refusedPort), bound).ConfigureAwait(false));
        }

        var refusedPeer = await ProcessTimer.RunAsync(peer.With("-p", refusedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"), bound).ConfigureAwait(false);
        var silentOurs = await ProcessTimer.RunAsync(ours.With("stun", "--server", "127.0.0.1:" + silentPort, "--timeout", silentTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)), bound).ConfigureAwait(false);
        var silentPeer = await ProcessTimer.RunAsync(peer.With("-p", silentPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1"), bound).ConfigureAwait(false);

        return new[]
        {
            new ResultRow("failure.refused.telnyxnet", Sample.Of(refusedOurs.Select(r => r.ElapsedMs).ToList()), Describe(refusedOurs, "127.0.0.1:" + refusedPort)),
            new ResultRow("failure.refused.turnutils", Sample.Of(new[] { refusedPeer.ElapsedMs }), DescribePeer(refusedPeer, bound)),
            new ResultRow("failure.silent.telnyxnet", Sample.Of(new[] { silentOurs.ElapsedMs }), Describe(new[] { silentOurs }, "127.0.0.1:" + silentPort) + " (--timeout " + silentTimeout + ")"),
            new ResultRow("failure.silent.turnutils", Sample.Of(new[] { silentPeer.ElapsedMs }), DescribePeer(silentPeer, bound)),
        };
    }

    private static string Describe(IReadOnlyCollection<ProcessRun> runs, string server)
    {
        var verdicts = runs.Select(r => "exit " + (r.KilledAtBound ? "none (killed at bound)" : r.ExitCode.ToString()) + ", " + CliVerdict.Parse(r.Output, server).FailureReason)
            .GroupBy(v => v)
            .Select(g => g.Key + " in " + g.Count() + "/" + runs.Count);
        return "verdict: " + string.Join("; ", verdicts);
    }

    private static string DescribePeer(ProcessRun run, TimeSpan bound)
    {
        if (run.KilledAtBound)
        {
            return "no verdict: still waiting, killed at the " + bound.TotalSeconds + " s bound";
        }

        var firstLine = run.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return "exit " + run.ExitCode + (firstLine.Length > 0 ? ": " + firstLine : string.Empty);
    }

    private static async Task ExpectSuccessAsync(BenchCommandLine command, TimeSpan bound)
    {
        var run = await ProcessTimer.RunAsync(command, bound).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("warm-up run of '" + command + "' failed (" + (run.KilledAtBound ? "killed at bound" : "exit " + run.ExitCode) + "): " + run.Output.Trim());
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
