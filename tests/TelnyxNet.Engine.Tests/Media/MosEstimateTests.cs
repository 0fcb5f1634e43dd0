using TelnyxNet.Engine.Media;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>The SDK's MOS formula (mos.ts) against values worked out by hand, its knee, its clamps, and its quality words with the gaps closed.</summary>
public sealed class MosEstimateTests
{
    /// <summary>
    /// Each row by hand: d = jitter + RTT/2; Id = 0.024·d (+ 0.11·(d - 177.3) above the knee);
    /// Ie = 20·ln(1 + loss%); R = 93.2 - Id - Ie; MOS = 1 + 0.035·R + 7e-6·R·(R - 60)·(100 - R).
    /// </summary>
    [Theory]
    // d = 0: R = 93.2; MOS = 1 + 3.262 + 7e-6·93.2·33.2·6.8 = 4.262 + 0.147286 = 4.409286.
    [InlineData(0, 0, 0, 93.2, 4.409286)]
    // d = 60: Id = 1.44; R = 91.76; MOS = 1 + 3.2116 + 7e-6·91.76·31.76·8.24 = 4.2116 + 0.168097 = 4.379697.
    [InlineData(100, 10, 0, 91.76, 4.379697)]
    // d = 170 (below the knee): Id = 4.08; Ie = 20·ln 2 = 13.862944; R = 75.257056; MOS = 3.832866.
    [InlineData(300, 20, 1, 75.257056, 3.832866)]
    // d = 227.3 (above it): Id = 5.4552 + 0.11·50 = 10.9552; R = 82.2448; MOS = 4.105952.
    [InlineData(400, 27.3, 0, 82.2448, 4.105952)]
    // d = 105: Id = 2.52; Ie = 20·ln 3 = 21.972246; R = 68.707754; MOS = 3.535824.
    [InlineData(150, 30, 2, 68.707754, 3.535824)]
    // d = 350: Id = 8.4 + 0.11·172.7 = 27.397; Ie = 20·ln 6 = 35.835189; R = 29.967811; MOS = 1.607671.
    [InlineData(500, 100, 5, 29.967811, 1.607671)]
    public void Matches_the_SDKs_formula_worked_by_hand(double rtt, double jitter, double loss, double r, double mos)
    {
        Assert.Equal(r, MosEstimate.RFactor(rtt, jitter, loss), 6);
        Assert.Equal(mos, MosEstimate.Of(rtt, jitter, loss), 6);
    }

    [Fact]
    public void Adds_the_steep_delay_term_only_above_177_3_ms()
    {
        // d = 177.3 exactly: Id = 0.024·177.3 = 4.2552, no second term.
        Assert.Equal(93.2 - 4.2552, MosEstimate.RFactor(354.6, 0, 0), 9);
        // d = 187.3: Id = 4.4952 + 0.11·10 = 5.5952.
        Assert.Equal(93.2 - 5.5952, MosEstimate.RFactor(374.6, 0, 0), 9);
    }

    [Fact]
    public void Is_1_where_R_falls_below_0_instead_of_the_polynomials_upturn()
    {
        // d = 600, loss 50 %: R = 93.2 - 60.897 - 78.636513 = -46.33; the polynomial alone would give 4.43.
        Assert.True(MosEstimate.RFactor(1000, 100, 50) < 0);
        Assert.Equal(1, MosEstimate.Of(1000, 100, 50));
        Assert.Equal(1, MosEstimate.Of(0, 0, 100));
    }

    [Fact]
    public void Never_leaves_1_to_5()
    {
        for (var loss = 0.0; loss <= 100; loss += 2.5)
        {
            for (var rtt = 0.0; rtt <= 3000; rtt += 150)
            {
                Assert.InRange(MosEstimate.Of(rtt, rtt / 10, loss), 1, 5);
            }
        }
    }

    /// <summary>The SDK's bands: &gt; 4.2 excellent, 4.1–4.2 good, 3.7–4.0 fair, 3.1–3.6 poor, else bad; a score in a gap takes the band below.</summary>
    [Theory]
    [InlineData(4.41, "Excellent")]
    [InlineData(4.21, "Excellent")]
    [InlineData(4.2, "Good")]
    [InlineData(4.1, "Good")]
    [InlineData(4.09, "Fair")]
    [InlineData(4.05, "Fair")]
    [InlineData(4.0, "Fair")]
    [InlineData(3.7, "Fair")]
    [InlineData(3.69, "Poor")]
    [InlineData(3.65, "Poor")]
    [InlineData(3.6, "Poor")]
    [InlineData(3.1, "Poor")]
    [InlineData(3.09, "Bad")]
    [InlineData(1, "Bad")]
    public void Names_scores_with_the_SDKs_words_and_closes_its_gaps_downwards(double mos, string expected) =>
        Assert.Equal(expected, MosEstimate.Word(mos).ToString());
}
