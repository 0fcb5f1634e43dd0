namespace TelnyxNet.Engine.Probes;

/// <summary>
/// One second of a media path measurement, for plots: the packets the stream sent in that second
/// on the leg that lost most, how many arrived and the loss; the average RTT (the slower leg, as
/// <see cref="MediaPathQuality.RoundTripTimeMs"/>) and the RFC 3550 jitter (the leg with more
/// jitter) right after that second's last packet arrived. Figures are null when nothing arrived.
/// </summary>
public sealed record MediaPathSample
{
    internal MediaPathSample(int second, int sent, int received, double? lossPercent, double? roundTripTimeMs, double? jitterMs)
    {
        Second = second;
        Sent = sent;
        Received = received;
        LossPercent = lossPercent;
        RoundTripTimeMs = roundTripTimeMs;
        JitterMs = jitterMs;
    }

    /// <summary>Which second of the stream, from 1.</summary>
    public int Second { get; }

    /// <summary>Packets sent in that second.</summary>
    public int Sent { get; }

    /// <summary>Of those, how many arrived.</summary>
    public int Received { get; }

    /// <summary>Loss in that second, in percent.</summary>
    public double? LossPercent { get; }

    /// <summary>Average RTT of that second's packets, in milliseconds.</summary>
    public double? RoundTripTimeMs { get; }

    /// <summary>RFC 3550 interarrival jitter after that second, in milliseconds.</summary>
    public double? JitterMs { get; }
}
