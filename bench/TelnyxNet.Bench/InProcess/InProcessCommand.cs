using System.Diagnostics;
using System.Net;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Bench.InProcess;

/// <summary>
/// <c>inprocess</c>: one STUN Binding round trip (RFC 8489 §6.2.1) through the engine — a reused
/// <see cref="StunUdpClient"/> over one <see cref="ConnectedUdpSocket"/> — against a server on
/// 127.0.0.1. A Stopwatch loop with warm-up rather than BenchmarkDotNet: the comparison with
/// whole-process peers needs the distribution of single round trips (median, p90, min), which BDN
/// reduces to means of iterations of thousands of operations; and BDN's default toolchain runs
/// the benchmark in a child process it generates and builds (about 8 s here), which would also
/// have to be handed the server's port and would spend budget the whole bench run (~3 min) needs.
/// </summary>
internal static class InProcessCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(BenchArguments args)
    {
        var port = args.Int("--port", 1, 65535);
        var iterations = args.Int("--iterations", 10, 1_000_000, 20_000);
        var warmup = args.Int("--warmup", 0, 1_000_000, 2000);
        var results = args.Optional("--results");
        args.RejectUnknown();

        var remote = new IPEndPoint(IPAddress.Loopback, port);
        using var client = new StunUdpClient(ConnectedUdpSocket.Connect(remote), SystemClock.Instance);
        var local = (IPEndPoint)client.LocalEndPoint!;
        Console.WriteLine("inprocess: " + warmup + " warm-up + " + iterations + " measured Binding round trips, " + local + " -> " + remote + ", Stopwatch loop.");

        for (var i = 0; i < warmup; i++)
        {
            await RoundTripAsync(client, remote).ConfigureAwait(false);
        }

        var wall = new double[iterations];
        var reported = new double[iterations];
        var wrongMapping = 0;
        var retransmitted = 0;
        var gen0 = GC.CollectionCount(0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();
            var start = Stopwatch.GetTimestamp();
            var outcome = await client.ExecuteAsync(request, remote, RetransmissionPolicy.Default, Timeout, CancellationToken.None).ConfigureAwait(false);
            wall[i] = Sample.Milliseconds(start, Stopwatch.GetTimestamp());
            reported[i] = outcome.RoundTripTime.TotalMilliseconds;
            wrongMapping += local.Equals(outcome.Response.MappedEndPoint) ? 0 : 1;
            retransmitted += outcome.Transmissions > 1 ? 1 : 0;
        }

        total.Stop();
        var bytesPerTrip = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)iterations;
        var collections = GC.CollectionCount(0) - gen0;
        var throughput = iterations / total.Elapsed.TotalSeconds;
        var facts = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{throughput:0} round trips/s sequential; {bytesPerTrip / 1024:0.0} KiB allocated per round trip; {collections} gen0 GCs; mapped address wrong in {wrongMapping}; retransmitted in {retransmitted}");
        Console.WriteLine("inprocess: " + facts + ".");

        var wallSample = Sample.Of(wall);
        var reportedSample = Sample.Of(reported);
        ResultRow.Append(results, new[]
        {
            new ResultRow("inprocess.roundtrip", wallSample, facts),
            new ResultRow("inprocess.reported_rtt", reportedSample, "RoundTripTime the engine reports for the same round trips"),
        });
        return wrongMapping == 0 ? 0 : 1;
    }

    private static Task<StunTransactionOutcome> RoundTripAsync(StunUdpClient client, IPEndPoint remote) =>
        client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), remote, RetransmissionPolicy.Default, Timeout, CancellationToken.None);
}
