using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Media;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>The SDK's thresholds (network.ts: RTT 300/500 ms, jitter 30/100 ms, loss 2/5 %, at or above), its quality, its network codes, and the seed's RTT bands.</summary>
public sealed class NetworkThresholdsTests
{
    private const string Subject = "turn.example.net:3478/Udp";

    [Theory]
    [InlineData(299.9, 29.9, 1.99, "Good")]
    [InlineData(300, 0, 0, "Fair")]
    [InlineData(0, 30, 0, "Fair")]
    [InlineData(0, 0, 2, "Fair")]
    [InlineData(499.9, 99.9, 4.99, "Fair")]
    [InlineData(500, 0, 0, "Poor")]
    [InlineData(0, 100, 0, "Poor")]
    [InlineData(0, 0, 5, "Poor")]
    [InlineData(310, 100, 2, "Poor")]
    public void Classifies_by_the_worst_figure(double rtt, double jitter, double loss, string expected) =>
        Assert.Equal(expected, NetworkThresholds.Classify(new QualityFigures(rtt, jitter, loss)).ToString());

    [Fact]
    public void Knows_nothing_when_nothing_was_measured() =>
        Assert.Equal(MediaQuality.Unknown, NetworkThresholds.Classify(new QualityFigures(null, null, null)));

    [Fact]
    public void A_good_path_has_no_findings() =>
        Assert.Empty(NetworkThresholds.Findings(new QualityFigures(42, 3, 0), Subject));

    [Fact]
    public void High_RTT_is_network_high_rtt_degraded_and_fair_quality_a_warning()
    {
        var findings = NetworkThresholds.Findings(new QualityFigures(300, 1, 0), Subject);

        Assert.Equal(new[] { "network_high_rtt", "network_fair_quality" }, findings.Select(f => f.Code));
        Assert.Equal(nameof(FindingEffect.Degraded), findings[0].Effect);
        Assert.Equal("RTT through " + Subject + " is 300 ms (degraded: at or above the SDK's 300 ms threshold).", findings[0].Message);
        Assert.Equal(nameof(FindingEffect.Warning), findings[1].Effect);
        Assert.All(findings, f => Assert.Equal(Subject, f.Subject));
        Assert.All(findings, f => Assert.Equal("network", f.Source));
        Assert.All(findings, f => Assert.NotEmpty(f.Remediation));
    }

    [Fact]
    public void High_jitter_is_network_high_jitter()
    {
        var findings = NetworkThresholds.Findings(new QualityFigures(10, 31.25, 0), Subject);

        Assert.Equal(new[] { "network_high_jitter", "network_fair_quality" }, findings.Select(f => f.Code));
        Assert.Contains("31.3 ms (degraded", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_is_network_packet_loss()
    {
        var findings = NetworkThresholds.Findings(new QualityFigures(10, 1, 3.2), Subject);

        Assert.Equal(new[] { "network_packet_loss", "network_fair_quality" }, findings.Select(f => f.Code));
        Assert.Contains("3.2 % (degraded: at or above the SDK's 2 % threshold)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_poor_figure_is_named_poor_and_makes_network_poor_quality_which_blocks()
    {
        var findings = NetworkThresholds.Findings(new QualityFigures(520, 45, 6), Subject);

        Assert.Equal(new[] { "network_high_rtt", "network_high_jitter", "network_packet_loss", "network_poor_quality" }, findings.Select(f => f.Code));
        Assert.Contains("520 ms (poor: at or above the SDK's 500 ms threshold)", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("45 ms (degraded", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("6 % (poor", findings[2].Message, StringComparison.Ordinal);
        Assert.Equal(nameof(FindingEffect.Blocked), findings[3].Effect);
    }

    /// <summary>The seed's table: excellent &lt; 100 ms, good &lt; 150, acceptable &lt; 300, poor above (300 itself is not below 300).</summary>
    [Theory]
    [InlineData(0, "Excellent")]
    [InlineData(99.99, "Excellent")]
    [InlineData(100, "Good")]
    [InlineData(149.99, "Good")]
    [InlineData(150, "Acceptable")]
    [InlineData(299.99, "Acceptable")]
    [InlineData(300, "Poor")]
    [InlineData(1200, "Poor")]
    public void Bands_RTT_as_the_seed_does(double rtt, string expected) => Assert.Equal(expected, NetworkThresholds.Band(rtt).ToString());
}
