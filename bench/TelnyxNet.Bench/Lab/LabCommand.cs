using System.Globalization;
using System.Net;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Bench.Scenario;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Lab;

namespace TelnyxNet.Bench.Lab;

/// <summary>
/// <c>lab</c>: RTT accuracy on a slow path. A network lab (tests/lab/TelnyxNet.Lab, as root) with
/// coturn behind <c>Impaired(delay, jitter, 0)</c>: the engine's Binding round trips, one after
/// another from the client namespace, each set against the relay's ground truth for its request
/// (how long the relay really held it); then whole <c>telnyxnet stun</c> and
/// <c>turnutils_stunclient</c> processes in the client namespace, interleaved, on the same path.
/// turnutils_stunclient is timed to its first answer: seeing OTHER-ADDRESS, it goes on with
/// RFC 5780 change-request tests whose answers the NAT filters, and waits for them forever.
/// </summary>
internal static class LabCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var delay = args.Int("--delay", 0, 10_000, 80);
        var jitter = args.Int("--jitter", 0, 10_000, 10);
        var seed = args.Int("--seed", 0, int.MaxValue, 1);
        var bindings = args.Int("--bindings", 1, 100_000, 200);
        var runs = args.Int("--runs", 1, 1000, 10);
        var bound = TimeSpan.FromSeconds(args.Int("--bound", 1, 600, 10));
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        var turnutils = args.Text("--turnutils", "turnutils_stunclient");
        args.RejectUnknown();
        if (jitter > delay)
        {
            throw new UsageException("--jitter must not exceed --delay.");
        }

        var scenario = TelnyxNet.Lab.Scenario.Impaired(TimeSpan.FromMilliseconds(delay), TimeSpan.FromMilliseconds(jitter), 0, seed);
        await using var lab = await NetworkLab.StartAsync().ConfigureAwait(false);
        await lab.StartCoturnAsync().ConfigureAwait(false);
        await lab.ApplyAsync(scenario).ConfigureAwait(false);
        var relay = lab.Relay!;
        var server = new IPEndPoint(IPAddress.Parse(NetworkLab.ServerAddress), NetworkLab.StunPort);
        Console.WriteLine("lab: " + lab + ": coturn on " + server + ", client " + NetworkLab.ClientAddress + " behind " + NetworkLab.NatPublicAddress + ", seed " + seed + ".");
        Console.WriteLine("lab: " + bindings + " engine Binding round trips, then " + runs + " interleaved runs of telnyxnet (" + cli.Description + ") and " + turnutils + ", each bounded at " + bound.TotalSeconds + " s.");

        var engine = new List<double>();
        var engineTruth = new List<double>();
        using (var client = new StunUdpClient(lab.OpenClientDatagramSocket(server), SystemClock.Instance))
        {
            for (var i = 0; i < bindings; i++)
            {
                var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();
                var outcome = await client.ExecuteAsync(request, server, RetransmissionPolicy.Default, Timeout, CancellationToken.None).ConfigureAwait(false);
                engine.Add(outcome.RoundTripTime.TotalMilliseconds);
                engineTruth.Add(await HoldAsync(relay, r => r.Payload.AsSpan(8, 12).SequenceEqual(request.AsSpan(8, 12))).ConfigureAwait(false));
            }
        }

        var ours = InClient(lab, cli.With("stun", "--server", NetworkLab.ServerAddress + ":" + NetworkLab.StunPort));
        var peer = InClient(lab, new BenchCommandLine(turnutils, new[] { "-p", NetworkLab.StunPort.ToString(CultureInfo.InvariantCulture), NetworkLab.ServerAddress }, turnutils));
        var oursRuns = new List<ProcessRun>();
        var peerRuns = new List<ProcessRun>();
        var printedError = new List<double>();
        var peerBeyondPath = new List<double>();
        await ProcessTimer.RunAsync(ours, bound).ConfigureAwait(false);
        await ProcessTimer.RunAsync(peer, bound, PeerAnswered).ConfigureAwait(false);
        for (var i = 0; i < runs; i++)
        {
            foreach (var command in i % 2 == 0 ? new[] { ours, peer } : new[] { peer, ours })
            {
                var before = relay.Records.Count;
                var run = await ProcessTimer.RunAsync(command, bound, command == peer ? PeerAnswered : null).ConfigureAwait(false);
                var hold = await HoldAsync(relay, r => r.Sequence >= before).ConfigureAwait(false);
                if (command == ours)
                {
                    oursRuns.Add(run);
                    if (CliVerdict.Parse(run.Output, NetworkLab.ServerAddress + ":" + NetworkLab.StunPort).RoundTripTimeMs is { } printed)
                    {
                        printedError.Add(printed - hold);
                    }
                }
                else
                {
                    peerRuns.Add(run);
                    peerBeyondPath.Add(run.ElapsedMs - hold);
                }
            }
        }

        var errors = engine.Zip(engineTruth, (e, t) => e - t).ToList();
        var facts = string.Create(CultureInfo.InvariantCulture, $"{scenario}; engine minus truth: mean {errors.Average():0.000} ms, max {errors.Max():0.000} ms; engine below truth in {errors.Count(e => e < 0)} of {errors.Count}");
        Console.WriteLine("lab: " + facts + ".");
        ResultRow.Append(results, new[]
        {
            new ResultRow("lab.engine_rtt", Sample.Of(engine), "engine RoundTripTime, " + scenario),
            new ResultRow("lab.truth", Sample.Of(engineTruth), "how long the relay held each of those requests (ground truth)"),
            new ResultRow("lab.engine_error", Sample.Of(errors), facts),
            new ResultRow("lab.telnyxnet", Sample.Of(oursRuns.Select(r => r.ElapsedMs).ToList()), "telnyxnet stun in the client namespace; exit 0 in " + oursRuns.Count(r => r.ExitCode == 0) + "/" + runs),
            new ResultRow("lab.telnyxnet.printed_error", Sample.Of(printedError), "RoundTripTimeMs telnyxnet printed minus the relay's hold of its request (cold process)"),
            new ResultRow("lab.turnutils", Sample.Of(peerRuns.Select(r => r.ElapsedMs).ToList()), "turnutils_stunclient in the client namespace, to its first answer (then stopped: it goes on with RFC 5780 tests whose answers the NAT filters, and never ends); answered in " + peerRuns.Count(r => !r.KilledAtBound) + "/" + runs),
            new ResultRow("lab.turnutils.beyond_path", Sample.Of(peerBeyondPath), "turnutils_stunclient whole process minus the relay's hold of its request"),
        });
        return oursRuns.All(r => r.ExitCode == 0) && peerRuns.All(r => !r.KilledAtBound) && errors.All(e => e >= 0) ? 0 : 1;
    }

    /// <summary>turnutils_stunclient's line with the mapped address: its answer.</summary>
    private static bool PeerAnswered(string line) => line.Contains("reflexive addr", StringComparison.Ordinal);

    /// <summary>The command run in the lab's client namespace.</summary>
    private static BenchCommandLine InClient(NetworkLab lab, BenchCommandLine command) =>
        new("ip", new[] { "netns", "exec", lab.Client.Name, command.FileName }.Concat(command.Arguments).ToArray(), command.Description + " in " + lab.Client.Name);

    /// <summary>The relay's hold (ms) of the newest client datagram that matches (it is recorded just after it is sent on, so wait a little for it).</summary>
    private static async Task<double> HoldAsync(ImpairmentRelay relay, Func<RelayRecord, bool> match)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var record = relay.Records.LastOrDefault(r => r.Direction == RelayDirection.Upstream && !r.Dropped && match(r));
            if (record is not null)
            {
                return record.ActualDelay!.Value.TotalMilliseconds;
            }

            if (waited.Elapsed > RecordWait)
            {
                throw new InvalidOperationException("The relay has no record of the request.");
            }

            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
