using System.Globalization;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Media;

/// <summary>
/// Streams a <see cref="PcmuStream"/> through a proved relay path and times every packet on each
/// leg: the client sends packet i on the bound channel (RFC 8656 §12.4) in its 20 ms slot,
/// scheduled from the start time (a late wake-up never shifts the packets after it), the peer
/// echoes each packet the first time it arrives, and the client takes the echoes back. Send
/// times are read just before each send, arrival times by the receive loops as they take the
/// datagram. After the last packet it waits for the echoes still under way: three times the
/// longest round trip so far, at least 0.5 s and at most 2 s, or less once all are back.
/// </summary>
internal static class MediaStream
{
    private static readonly TimeSpan MinDrain = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDrain = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReceivePoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the stream; <paramref name="secondDone"/> hears after each second sent. Returns what it
    /// recorded, also when sending failed part way; throws only on cancellation (after stopping the
    /// peer and the receive loop).
    /// </summary>
    public static async Task<StreamOutcome> RunAsync(RelayPath path, PcmuStream stream, IClock clock, IEngineLog log, Action<int, StreamOutcome>? secondDone, CancellationToken cancellationToken)
    {
        var outcome = new StreamOutcome(stream);
        var allBack = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var echo = Task.Run(() => EchoAsync(path, outcome, clock, log, stop.Token));
        var receive = Task.Run(() => ReceiveAsync(path, outcome, allBack, stop.Token));
        try
        {
            log.Verbose("Streaming " + stream.Count + " RTP packets (" + PcmuStream.Codec + ", " + PcmuStream.PayloadLength + "-byte payload every " + PcmuStream.Interval.TotalMilliseconds + " ms, SSRC 0x" + stream.Ssrc.ToString("x8", CultureInfo.InvariantCulture) + ") through the relay " + path.Relayed + " to " + path.Peer.Description + " and back.");
            await SendAsync(path, outcome, clock, log, secondDone, cancellationToken).ConfigureAwait(false);
            var drain = TimeSpan.FromTicks(Math.Min(MaxDrain.Ticks, Math.Max(MinDrain.Ticks, 3 * outcome.RoundTrip.LongestTransit.Ticks)));
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(allBack.Task, clock.Delay(drain, wait.Token)).ConfigureAwait(false);
            wait.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            await Quietly(echo).ConfigureAwait(false);
            await Quietly(receive).ConfigureAwait(false);
        }

        log.Verbose("Stream done: " + outcome.Sent + " sent, " + outcome.Outbound.ArrivedCount + " reached the peer, " + outcome.RoundTrip.ArrivedCount + " came back; " + outcome.Discarded + " datagram(s) discarded.");
        return outcome;
    }

    private static async Task SendAsync(RelayPath path, StreamOutcome outcome, IClock clock, IEngineLog log, Action<int, StreamOutcome>? secondDone, CancellationToken cancellationToken)
    {
        var stream = outcome.Stream;
        var start = clock.Elapsed;
        for (var i = 0; i < stream.Count; i++)
        {
            var due = start + TimeSpan.FromTicks(PcmuStream.Interval.Ticks * i);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var packet = stream.Packet(i);
            var sentAt = clock.Elapsed;
            outcome.MaxSendLag = sentAt - due > outcome.MaxSendLag ? sentAt - due : outcome.MaxSendLag;
            outcome.Outbound.Enter(i, sentAt);
            outcome.RoundTrip.Enter(i, sentAt);
            try
            {
                await path.Client.SendChannelDataAsync(path.Channel, packet, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ProbeException || ex is ObjectDisposedException)
            {
                outcome.SendFailure = new ProbeException(ex is ProbeException failed ? failed.Reason : FailureReason.ProtocolError, "Sending stopped after " + i + " of " + stream.Count + " packets: " + ex.Message, ex);
                log.Verbose(outcome.SendFailure.Message);
                return;
            }

            outcome.Sent = i + 1;
            if (outcome.Sent % PcmuStream.PacketsPerSecond == 0)
            {
                var second = outcome.Sent / PcmuStream.PacketsPerSecond;
                log.Verbose("Streamed " + second + " s: " + outcome.Sent + " sent, " + outcome.Outbound.ArrivedCount + " reached the peer, " + outcome.RoundTrip.ArrivedCount + " came back so far.");
                secondDone?.Invoke(second, outcome);
            }
        }
    }

    /// <summary>The peer: echoes each of the stream's packets the first time it arrives from the relayed address; duplicates are counted, not echoed.</summary>
    private static async Task EchoAsync(RelayPath path, StreamOutcome outcome, IClock clock, IEngineLog log, CancellationToken stop)
    {
        var relayed = path.Relayed;
        while (!stop.IsCancellationRequested)
        {
            var data = await path.Peer.ReceiveFromAsync(relayed, clock.Elapsed + ReceivePoll, stop).ConfigureAwait(false);
            if (data is null)
            {
                continue;
            }

            if (!outcome.Stream.TryIndex(data.Data, out var index))
            {
                outcome.Discard();
                continue;
            }

            if (!outcome.Outbound.Arrive(index, data.ReceivedAt))
            {
                continue;
            }

            outcome.Inbound.Enter(index, clock.Elapsed);
            try
            {
                await path.Peer.SendAsync(data.Data, relayed, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ProbeException || ex is ObjectDisposedException)
            {
                log.Verbose("The peer could not echo packet " + index + ": " + ex.Message);
            }
        }
    }

    /// <summary>The client: takes the echoes, from the peer's address only.</summary>
    private static async Task ReceiveAsync(RelayPath path, StreamOutcome outcome, TaskCompletionSource<bool> allBack, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var data = await path.Client.ReceiveAsync(ReceivePoll, stop).ConfigureAwait(false);
            if (data is null)
            {
                continue;
            }

            if (!data.Peer.Equals(path.PeerAddress) || !outcome.Stream.TryIndex(data.Data, out var index))
            {
                outcome.Discard();
                continue;
            }

            outcome.Inbound.Arrive(index, data.ReceivedAt);
            if (outcome.RoundTrip.Arrive(index, data.ReceivedAt) && outcome.RoundTrip.ArrivedCount == outcome.Stream.Count)
            {
                allBack.TrySetResult(true);
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
        catch (ObjectDisposedException)
        {
            // The connection closed under the loop.
        }
    }
}
