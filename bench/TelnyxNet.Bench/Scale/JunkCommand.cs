using System.Net;
using System.Net.Sockets;
using TelnyxNet.Bench.Measurement;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Bench.Scale;

/// <summary>
/// <c>junk</c>: a TCP server in this process streams well-framed STUN messages for other
/// transactions, as fast as it can, to the engine's stream client while it waits for an answer
/// that never comes. Reports how much was streamed and how far the live managed heap stood above
/// its level before the stream (sampled every 100 ms, each after a full collection): the client
/// drops what matches nothing as it reads, so that stays at a few frames' worth whatever the volume.
/// </summary>
internal static class JunkCommand
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var seconds = args.Int("--seconds", 1, 600, 5);
        var results = args.Optional("--results");
        args.RejectUnknown();

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var remote = (IPEndPoint)listener.LocalEndPoint!;
        using var stop = new CancellationTokenSource();
        long streamed = 0;
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync(stop.Token);
            var request = new byte[20];
            await connection.ReceiveAsync(request, SocketFlags.None, stop.Token);
            var frame = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, TransactionId.NewRandom())
                .Add(new StunBytesAttribute(StunAttributeType.Software, new byte[1000]))
                .Encode();
            var burst = Enumerable.Repeat(frame, 64).SelectMany(f => f).ToArray();
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Add(ref streamed, await connection.SendAsync(burst, SocketFlags.None, stop.Token));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client closed at its timeout, or the bench stopped: the stream ends.
            }
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var samples = new List<double>();
        using var client = await StunStreamClient.ConnectAsync(remote, TransportProtocol.Tcp, "localhost", null, TimeSpan.FromSeconds(5), SystemClock.Instance, null, CancellationToken.None);
        var transaction = client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), TimeSpan.FromSeconds(seconds), CancellationToken.None);
        while (!transaction.IsCompleted)
        {
            var growth = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            peak = Math.Max(peak, growth);
            samples.Add(growth / 1024.0);
            await Task.Delay(100);
        }

        var verdict = await Verdict(transaction);
        var frames = client.FramesRead;
        stop.Cancel();
        await server;
        var mib = Interlocked.Read(ref streamed) / (1024.0 * 1024.0);
        ResultRow.Append(results, new[]
        {
            new ResultRow("junk.streamed", Sample.Of(new[] { mib }), "MiB of 1020-byte STUN frames for other transactions streamed in " + seconds + " s; " + frames + " frames read and dropped; verdict " + verdict),
            new ResultRow("junk.heap_growth", Sample.Of(samples), "KiB the live managed heap stood above its level before the stream, sampled every 100 ms after a full collection (a sample can catch buffers in flight); peak " + (peak / 1024.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " KiB"),
        });
        return 0;
    }

    private static async Task<string> Verdict(Task<StunTransactionOutcome> transaction)
    {
        try
        {
            await transaction;
            return "Succeeded (wrong)";
        }
        catch (Engine.Diagnosis.ProbeException ex)
        {
            return ex.Reason.ToString();
        }
    }
}
