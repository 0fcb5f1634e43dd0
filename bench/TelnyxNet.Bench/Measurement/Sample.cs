using System.Diagnostics;

namespace TelnyxNet.Bench.Measurement;

/// <summary>Order statistics of a set of durations in milliseconds (nearest-rank percentiles).</summary>
internal sealed record Sample(int Count, double MedianMs, double P90Ms, double MinMs)
{
    /// <summary>Summarises <paramref name="milliseconds"/>; an empty set gives NaN figures.</summary>
    public static Sample Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new Sample(0, double.NaN, double.NaN, double.NaN);
        }

        var sorted = milliseconds.OrderBy(x => x).ToArray();
        return new Sample(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 90), sorted[0]);
    }

    /// <summary>Milliseconds between two <see cref="Stopwatch.GetTimestamp"/> values.</summary>
    public static double Milliseconds(long start, long end) => (end - start) * 1000.0 / Stopwatch.Frequency;

    private static double Percentile(double[] sorted, int percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
