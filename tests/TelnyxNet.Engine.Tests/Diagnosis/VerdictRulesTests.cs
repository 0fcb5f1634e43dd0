using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Diagnosis;

public sealed class VerdictRulesTests
{
    private static readonly string[] Nothing = Array.Empty<string>();

    [Fact]
    public void Blocked_outranks_degraded_which_outranks_inconclusive_and_ready()
    {
        var blocked = FindingCodes.NetworkNoAudioFlow.With("no media");
        var degraded = FindingCodes.NetworkHighRtt.With("slow");
        var warning = FindingCodes.NetworkFairQuality.With("fair");

        Assert.Equal(ReadinessVerdict.Blocked, VerdictRules.Decide(new[] { degraded, blocked, warning }, new[] { "signaling" }));
        Assert.Equal(ReadinessVerdict.Degraded, VerdictRules.Decide(new[] { warning, degraded }, new[] { "media" }));
        Assert.Equal(ReadinessVerdict.Ready, VerdictRules.Decide(new[] { warning }, Nothing));
        Assert.Equal(ReadinessVerdict.Ready, VerdictRules.Decide(Array.Empty<Finding>(), Nothing));
    }

    [Fact]
    public void Missing_evidence_is_inconclusive_never_ready()
    {
        Assert.Equal(ReadinessVerdict.Inconclusive, VerdictRules.Decide(Array.Empty<Finding>(), new[] { "no media path was measured" }));
        Assert.Equal(ReadinessVerdict.Inconclusive, VerdictRules.Decide(new[] { FindingCodes.NetworkFairQuality.With("fair") }, new[] { "signaling" }));
    }

    [Fact]
    public void Refuses_null_inputs()
    {
        Assert.Throws<ArgumentNullException>(() => VerdictRules.Decide(null!, Nothing));
        Assert.Throws<ArgumentNullException>(() => VerdictRules.Decide(Array.Empty<Finding>(), null!));
    }
}
