namespace TelnyxNet.Engine.Media;

/// <summary>
/// One leg's figures, from its <see cref="LegLedger"/>: how many packets entered and arrived, the
/// duplicates, the arrivals that came after a packet that entered the leg later (reordered), the
/// longest run of lost packets, the late ones, every transit time in milliseconds (in arrival
/// order), the RFC 3550 jitter averaged over the stream's seconds, and each second's figures.
/// </summary>
internal sealed record LegFigures(
    int Entered,
    int Arrived,
    int Duplicated,
    int Reordered,
    int BurstLoss,
    int Late,
    IReadOnlyList<double> TransitsMs,
    double? JitterMs,
    IReadOnlyList<LegSecond> Seconds)
{
    /// <summary>Packets that entered and never arrived.</summary>
    public int Lost => Entered - Arrived;

    /// <summary>Lost over entered, in percent (the SDK's lost / (received + lost)); null when none entered.</summary>
    public double? LossPercent => Entered > 0 ? Lost * 100.0 / Entered : null;

    /// <summary>The average transit time; null when nothing arrived.</summary>
    public double? MeanMs => TransitsMs.Count > 0 ? TransitsMs.Average() : null;

    /// <summary>The fastest transit.</summary>
    public double? MinMs => TransitsMs.Count > 0 ? TransitsMs.Min() : null;

    /// <summary>The slowest transit.</summary>
    public double? MaxMs => TransitsMs.Count > 0 ? TransitsMs.Max() : null;

    /// <summary>The 95th percentile of the transits (nearest rank).</summary>
    public double? P95Ms
    {
        get
        {
            if (TransitsMs.Count == 0)
            {
                return null;
            }

            var sorted = TransitsMs.OrderBy(t => t).ToList();
            var rank = (int)Math.Ceiling(0.95 * sorted.Count);
            return sorted[Math.Max(1, rank) - 1];
        }
    }
}

/// <summary>
/// One second of a leg (the packets the stream sent in that second): how many entered and arrived,
/// their average transit, and the jitter estimate right after the last of them arrived.
/// </summary>
internal sealed record LegSecond(int Entered, int Arrived, double? MeanMs, double? JitterMs)
{
    /// <summary>Lost over entered in that second, in percent; null when none entered.</summary>
    public double? LossPercent => Entered > 0 ? (Entered - Arrived) * 100.0 / Entered : null;
}
