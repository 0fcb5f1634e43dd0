using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Media;

/// <summary>What one stream through a relay recorded: the three legs, the sender's punctuality, what was thrown away and why the stream stopped early, if it did.</summary>
internal sealed class StreamOutcome
{
    private int _discarded;

    public StreamOutcome(PcmuStream stream)
    {
        Stream = stream;
        Outbound = new LegLedger(stream.Count);
        Inbound = new LegLedger(stream.Count);
        RoundTrip = new LegLedger(stream.Count);
    }

    /// <summary>The stream sent.</summary>
    public PcmuStream Stream { get; }

    /// <summary>This machine → relay → peer: entered when sent, arrived when the peer took it.</summary>
    public LegLedger Outbound { get; }

    /// <summary>Peer → relay → this machine: entered when the peer echoed, arrived when the client took it.</summary>
    public LegLedger Inbound { get; }

    /// <summary>The whole round trip: entered when sent, arrived when the echo came back.</summary>
    public LegLedger RoundTrip { get; }

    /// <summary>Packets sent.</summary>
    public int Sent { get; set; }

    /// <summary>The longest a packet left after its slot in the 20 ms schedule.</summary>
    public TimeSpan MaxSendLag { get; set; }

    /// <summary>Datagrams at either end that were not this stream's packets (foreign, forged, altered, truncated) or came from elsewhere, and arrivals of packets that never left.</summary>
    public int Discarded => Volatile.Read(ref _discarded) + Outbound.Strays + Inbound.Strays;

    /// <summary>Counts one datagram thrown away.</summary>
    public void Discard() => Interlocked.Increment(ref _discarded);

    /// <summary>Why sending stopped before the end (the connection failed), else null.</summary>
    public ProbeException? SendFailure { get; set; }
}
