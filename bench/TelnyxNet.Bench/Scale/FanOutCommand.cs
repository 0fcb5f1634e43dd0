using System.Globalization;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Bench.Scenario;

namespace TelnyxNet.Bench.Scale;

/// <summary>
/// <c>fanout</c>: whole-process <c>telnyxnet stun</c> with <c>--targets</c> servers (the same
/// STUN server, each its own target with its own socket) against the same command with one, so
/// the ratio says what a fleet-size list costs; the throttle bounds the sockets open at once.
/// </summary>
internal static class FanOutCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var port = args.Int("--port", 1, 65535);
        var targets = args.Int("--targets", 2, 10_000, 200);
        var throttle = args.Int("--throttle", 1, 1024, 32);
        var runs = args.Int("--runs", 1, 1000, 10);
        var bound = TimeSpan.FromSeconds(args.Int("--bound", 1, 600, 60));
        var results = args.Optional("--results");
        var cli = CliLocator.Locate(args.Optional("--cli"));
        args.RejectUnknown();

        var server = "127.0.0.1:" + port;
        var one = cli.With("stun", "--server", server);
        var many = cli.With(Enumerable.Range(0, targets).SelectMany(_ => new[] { "--server", server }).Append("--throttle").Append(throttle.ToString(CultureInfo.InvariantCulture)).Prepend("stun").ToArray());
        Console.WriteLine("fanout: " + runs + " interleaved runs of telnyxnet stun with 1 and with " + targets + " targets (--throttle " + throttle + "), " + cli.Description + ".");
        await ProcessTimer.RunAsync(one, bound).ConfigureAwait(false);
        await ProcessTimer.RunAsync(many, bound).ConfigureAwait(false);
        var oneRuns = new List<ProcessRun>();
        var manyRuns = new List<ProcessRun>();
        for (var i = 0; i < runs; i++)
        {
            oneRuns.Add(await ProcessTimer.RunAsync(one, bound).ConfigureAwait(false));
            manyRuns.Add(await ProcessTimer.RunAsync(many, bound).ConfigureAwait(false));
        }

        var succeeded = manyRuns.Select(r => r.Output.Split('\n').Count(l => l.Contains(" Succeeded ", StringComparison.Ordinal))).ToList();
        ResultRow.Append(results, new[]
        {
            new ResultRow("fanout.one", Sample.Of(oneRuns.Select(r => r.ElapsedMs).ToList()), "telnyxnet stun, 1 target; exit 0 in " + oneRuns.Count(r => r.ExitCode == 0) + "/" + runs),
            new ResultRow("fanout.many", Sample.Of(manyRuns.Select(r => r.ElapsedMs).ToList()), "telnyxnet stun, " + targets + " targets, --throttle " + throttle + "; exit 0 in " + manyRuns.Count(r => r.ExitCode == 0) + "/" + runs + "; rows Succeeded per run: min " + succeeded.Min() + " of " + targets),
        });
        return manyRuns.All(r => r.ExitCode == 0) && succeeded.All(n => n == targets) ? 0 : 1;
    }
}
