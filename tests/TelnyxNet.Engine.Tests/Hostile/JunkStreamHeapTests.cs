using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Integration.Turn;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// A server streaming junk cannot grow the client's heap: what matches nothing is dropped as it
/// is read. Alone in the resource-accounting collection, so the heap is this test's. The bench
/// (<c>junk</c>) gives the figures; this proves the bound.
/// </summary>
[Collection(ResourceAccountingCollection.Name)]
public sealed class JunkStreamHeapTests
{
    /// <summary>The bound on what the client holds, in KiB: a few frames' buffers, whatever the volume streamed.</summary>
    private const long HeapBoundKib = 2 * 1024;

    [Fact]
    public async Task The_stream_client_holds_no_more_than_a_bound_while_a_server_streams_64_KiB_junk_frames()
    {
        using var server = new HostileStreamServer(StreamBehaviours.Endless(StreamBehaviours.StunFrame, StunAnswers.Oversize(StunAnswers.MaxStreamBody)));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var client = await StunStreamClient.ConnectAsync(server.EndPoint, TransportProtocol.Tcp, "localhost", null, TimeSpan.FromSeconds(5), SystemClock.Instance, null, CancellationToken.None);
        var samples = new List<long>();
        try
        {
            var transaction = client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), TimeSpan.FromSeconds(3), CancellationToken.None);
            while (!transaction.IsCompleted)
            {
                samples.Add((GC.GetTotalMemory(forceFullCollection: true) - baseline) / 1024);
                await Task.Delay(50);
            }

            var failure = await Assert.ThrowsAsync<ProbeException>(() => transaction);
            Assert.Equal(FailureReason.ProtocolError, failure.Reason);
        }
        finally
        {
            await client.CloseAsync();
        }

        var read = client.FramesRead;
        // Each sample is taken after a full collection, but two threads allocate 64 KiB buffers at gigabytes a second meanwhile, so
        // one sample may catch a burst in flight: retention shows in the median and in the last quarter, which would climb if frames were kept.
        var over = "KiB above the start over time: " + string.Join(" ", samples) + "; " + read + " frames of 64 KiB read";
        Assert.True(read * StunAnswers.MaxStreamBody / 1024 > 16 * HeapBoundKib, "the server streamed too little to show a bound: " + over);
        Assert.True(Median(samples) < HeapBoundKib, "the heap grew: " + over);
        Assert.True(Median(samples.Skip(samples.Count * 3 / 4).ToList()) < HeapBoundKib, "the heap climbs as frames arrive: " + over);
        await Eventually.True(() => server.Open == 0, "the connection ends");
    }

    [Fact]
    public void An_inbox_that_is_full_drops_what_comes_next_and_counts_it()
    {
        using var inbox = new AsyncInbox<string>(new ManualClock(), 3);

        for (var i = 0; i < 10; i++)
        {
            inbox.Post("item " + i);
        }

        Assert.Equal(3, inbox.Count);
        Assert.Equal(7, inbox.Dropped);
    }

    private static long Median(IReadOnlyList<long> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
