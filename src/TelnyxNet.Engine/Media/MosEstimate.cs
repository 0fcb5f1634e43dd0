namespace TelnyxNet.Engine.Media;

/// <summary>
/// The estimated MOS (mean opinion score, 1 to 5) exactly as the Telnyx WebRTC SDK computes it
/// (<c>packages/js/src/utils/mos.ts</c>), a simplified ITU-T G.107 E-model for G.711:
/// R = 93.2 - Id - Ie, with d = jitter + RTT / 2 (ms), Id = 0.024·d + 0.11·(d - 177.3)·H(d - 177.3),
/// Ie = 20·ln(1 + loss%), and MOS = 1 + 0.035·R + 7·10⁻⁶·R·(R - 60)·(100 - R), clamped to 1..5.
/// Perfect conditions give 4.41, G.711's ceiling. One deviation, where the SDK's formula leaves its
/// own domain: for R below 0 (loss of about a third and more) the polynomial turns up again
/// (R = -46 would score 4.4), so there, as the E-model itself defines it (ITU-T G.107 §7.7),
/// MOS is 1. Wherever R is 0 or more the value is the SDK's.
/// </summary>
internal static class MosEstimate
{
    /// <summary>The SDK's base R-factor for G.711.</summary>
    private const double BaseR = 93.2;

    /// <summary>The one-way delay (ms) above which the delay impairment grows steeply.</summary>
    private const double DelayKnee = 177.3;

    /// <summary>The SDK's R-factor for an average <paramref name="rttMs"/>, <paramref name="jitterMs"/> and <paramref name="lossPercent"/> (0 to 100).</summary>
    public static double RFactor(double rttMs, double jitterMs, double lossPercent)
    {
        var d = jitterMs + (rttMs / 2);
        var delayImpairment = (0.024 * d) + (d > DelayKnee ? 0.11 * (d - DelayKnee) : 0);
        var equipmentImpairment = 20 * Math.Log(1 + lossPercent);
        return BaseR - delayImpairment - equipmentImpairment;
    }

    /// <summary>The SDK's MOS for those figures, clamped to 1..5 (1 for R below 0).</summary>
    public static double Of(double rttMs, double jitterMs, double lossPercent)
    {
        var r = RFactor(rttMs, jitterMs, lossPercent);
        if (r < 0)
        {
            return 1;
        }

        var mos = 1 + (0.035 * r) + (0.000007 * r * (r - 60) * (100 - r));
        return Math.Min(Math.Max(mos, 1), 5);
    }

    /// <summary>
    /// The SDK's word for a MOS (<c>getQuality</c>): above 4.2 Excellent, 4.1 to 4.2 Good, 3.7 to
    /// 4.0 Fair, 3.1 to 3.6 Poor, else Bad. The SDK's bands leave gaps (4.0 to 4.1, 3.6 to 3.7)
    /// that its code sends to Bad; here a score in a gap takes the band just below it (4.05 is
    /// Fair, 3.65 Poor): never a better word than the score earns, never a worse one than the next
    /// score up would get. Every score the SDK's bands name gets the SDK's word.
    /// </summary>
    public static MosQuality Word(double mos) =>
        mos > 4.2 ? MosQuality.Excellent
        : mos >= 4.1 ? MosQuality.Good
        : mos >= 3.7 ? MosQuality.Fair
        : mos >= 3.1 ? MosQuality.Poor
        : MosQuality.Bad;
}
