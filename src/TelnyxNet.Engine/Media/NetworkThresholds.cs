using System.Globalization;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Media;

/// <summary>
/// The Telnyx WebRTC SDK's network quality rules (<c>PreCallDiagnostic/modules/network.ts</c> and
/// <c>verdict.ts</c>), as one table: each of average RTT, average jitter and packet loss is degraded
/// at or above its first threshold and poor at or above its second, and then reported with its code;
/// the quality is the worst of the three (any poor: Poor, any degraded: Fair, else Good), reported
/// as <c>network_poor_quality</c> (a reason that blocks) or <c>network_fair_quality</c> (a warning).
/// The seed's RTT bands are a separate scale (<see cref="RttBand"/>).
/// </summary>
internal static class NetworkThresholds
{
    /// <summary>The three rows: what is measured, in what unit, the two thresholds and the code.</summary>
    public static IReadOnlyList<Threshold> All { get; } = new[]
    {
        new Threshold("RTT", "ms", TelnyxEndpoints.RttDegradedMs, TelnyxEndpoints.RttPoorMs, FindingCodes.NetworkHighRtt, f => f.RoundTripTimeMs),
        new Threshold("jitter", "ms", TelnyxEndpoints.JitterDegradedMs, TelnyxEndpoints.JitterPoorMs, FindingCodes.NetworkHighJitter, f => f.JitterMs),
        new Threshold("packet loss", "%", TelnyxEndpoints.LossDegradedPercent, TelnyxEndpoints.LossPoorPercent, FindingCodes.NetworkPacketLoss, f => f.LossPercent),
    };

    /// <summary>The SDK's quality for <paramref name="figures"/>; Unknown when none of the three was measured.</summary>
    public static MediaQuality Classify(QualityFigures figures)
    {
        var measured = All.Where(t => t.Value(figures).HasValue).ToList();
        if (measured.Count == 0)
        {
            return MediaQuality.Unknown;
        }

        return measured.Any(t => t.Value(figures) >= t.Poor) ? MediaQuality.Poor
            : measured.Any(t => t.Value(figures) >= t.Degraded) ? MediaQuality.Fair
            : MediaQuality.Good;
    }

    /// <summary>The seed's band for an average RTT.</summary>
    public static RttBand Band(double rttMs) =>
        rttMs < TelnyxEndpoints.RttExcellentMs ? RttBand.Excellent
        : rttMs < TelnyxEndpoints.RttGoodMs ? RttBand.Good
        : rttMs < TelnyxEndpoints.RttAcceptableMs ? RttBand.Acceptable
        : RttBand.Poor;

    /// <summary>
    /// The findings for <paramref name="figures"/> about the path <paramref name="subject"/>: one
    /// per figure at or above its degraded threshold (the SDK's message shape: the value, the
    /// severity and the threshold crossed), then the quality's own code when it is Fair or Poor.
    /// </summary>
    public static IReadOnlyList<Finding> Findings(QualityFigures figures, string subject)
    {
        var findings = new List<Finding>();
        foreach (var threshold in All)
        {
            if (threshold.Value(figures) is double value && value >= threshold.Degraded)
            {
                var poor = value >= threshold.Poor;
                findings.Add(threshold.Code.With(
                    Capital(threshold.Metric) + " through " + subject + " is " + Format(value, threshold.Unit) + " (" + (poor ? "poor" : "degraded") + ": at or above the SDK's " + Format(poor ? threshold.Poor : threshold.Degraded, threshold.Unit) + " threshold).",
                    subject));
            }
        }

        var quality = Classify(figures);
        if (quality == MediaQuality.Poor)
        {
            findings.Add(FindingCodes.NetworkPoorQuality.With("Network quality through " + subject + " is poor by the SDK's thresholds: calls would be unusable.", subject));
        }
        else if (quality == MediaQuality.Fair)
        {
            findings.Add(FindingCodes.NetworkFairQuality.With("Network quality through " + subject + " is fair by the SDK's thresholds: calls work, with audible degradation.", subject));
        }

        return findings;
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Format(double value, string unit) =>
        value.ToString(unit == "%" ? "0.##" : "0.#", CultureInfo.InvariantCulture) + (unit == "%" ? " %" : " ms");

    /// <summary>One row of the table.</summary>
    internal sealed class Threshold
    {
        public Threshold(string metric, string unit, double degraded, double poor, FindingCode code, Func<QualityFigures, double?> value)
        {
            Metric = metric;
            Unit = unit;
            Degraded = degraded;
            Poor = poor;
            Code = code;
            Value = value;
        }

        /// <summary>What is measured, for messages.</summary>
        public string Metric { get; }

        /// <summary>"ms" or "%".</summary>
        public string Unit { get; }

        /// <summary>Degraded at or above this.</summary>
        public double Degraded { get; }

        /// <summary>Poor at or above this.</summary>
        public double Poor { get; }

        /// <summary>The SDK's code for this figure.</summary>
        public FindingCode Code { get; }

        /// <summary>The figure, when measured.</summary>
        public Func<QualityFigures, double?> Value { get; }
    }
}
