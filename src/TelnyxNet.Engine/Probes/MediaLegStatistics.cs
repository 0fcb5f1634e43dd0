namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The figures of one leg of the stream: <c>Outbound</c> (this machine → relay → peer), <c>Inbound</c>
/// (peer → relay → this machine) or <c>RoundTrip</c> (both, the stream's own round trip). Delays are
/// transit times of the packets that arrived, in milliseconds, on one clock (both ends run in this
/// process); jitter is RFC 3550 §6.4.1's estimator, averaged over the stream's seconds.
/// </summary>
public sealed record MediaLegStatistics
{
    internal MediaLegStatistics(string leg, int sent, int received, double? lossPercent, int burstLoss, int reordered, int duplicated, int late, double? delayMs, double? minDelayMs, double? p95DelayMs, double? maxDelayMs, double? jitterMs)
    {
        Leg = leg;
        Sent = sent;
        Received = received;
        LossPercent = lossPercent;
        BurstLoss = burstLoss;
        Reordered = reordered;
        Duplicated = duplicated;
        Late = late;
        DelayMs = delayMs;
        MinDelayMs = minDelayMs;
        P95DelayMs = p95DelayMs;
        MaxDelayMs = maxDelayMs;
        JitterMs = jitterMs;
    }

    /// <summary>Outbound, Inbound or RoundTrip.</summary>
    public string Leg { get; }

    /// <summary>Packets that entered the leg (sent, or echoed by the peer).</summary>
    public int Sent { get; }

    /// <summary>Distinct packets that arrived at its end.</summary>
    public int Received { get; }

    /// <summary>Lost over sent, in percent.</summary>
    public double? LossPercent { get; }

    /// <summary>The longest run of consecutive packets lost.</summary>
    public int BurstLoss { get; }

    /// <summary>Packets that arrived after one that entered the leg later.</summary>
    public int Reordered { get; }

    /// <summary>Extra copies that arrived.</summary>
    public int Duplicated { get; }

    /// <summary>Packets that took more than 60 ms longer than the fastest: what a 60 ms jitter buffer would discard.</summary>
    public int Late { get; }

    /// <summary>Average transit time.</summary>
    public double? DelayMs { get; }

    /// <summary>Fastest transit.</summary>
    public double? MinDelayMs { get; }

    /// <summary>95th percentile transit (nearest rank).</summary>
    public double? P95DelayMs { get; }

    /// <summary>Slowest transit.</summary>
    public double? MaxDelayMs { get; }

    /// <summary>RFC 3550 interarrival jitter, averaged over the seconds.</summary>
    public double? JitterMs { get; }
}
