namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// How findings become a verdict, with the SDK's precedence: any Blocked reason makes the verdict
/// Blocked; else any Degraded reason makes it Degraded; else it is Ready only when the evidence a
/// Ready needs is there (the caller says which evidence is missing) and no reason says the
/// evidence is inconclusive; otherwise Inconclusive. Warnings never change the verdict.
/// </summary>
public static class VerdictRules
{
    /// <summary>The verdict of <paramref name="findings"/>; <paramref name="missingEvidence"/> lists what a Ready would need but did not get.</summary>
    public static ReadinessVerdict Decide(IEnumerable<Finding> findings, IReadOnlyCollection<string> missingEvidence)
    {
        var reasons = (findings ?? throw new ArgumentNullException(nameof(findings))).Where(f => f.IsReason).Select(f => f.Effect).ToList();
        if (reasons.Contains(nameof(FindingEffect.Blocked)))
        {
            return ReadinessVerdict.Blocked;
        }

        if (reasons.Contains(nameof(FindingEffect.Degraded)))
        {
            return ReadinessVerdict.Degraded;
        }

        return reasons.Contains(nameof(FindingEffect.Inconclusive)) || (missingEvidence ?? throw new ArgumentNullException(nameof(missingEvidence))).Count > 0
            ? ReadinessVerdict.Inconclusive
            : ReadinessVerdict.Ready;
    }
}
