namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The readiness check's own code (source <c>diagnostic</c>, the SDK's name for findings about the
/// diagnostic itself): evidence a Ready needs that the check could not gather, so that an
/// Inconclusive verdict always says what is missing and never shrugs.
/// </summary>
public static partial class FindingCodes
{
    /// <summary>Something a Ready verdict needs was not measured (no TURN server to measure media through, no time left in the budget, a part that could not run).</summary>
    public static readonly FindingCode EvidenceMissing = Own("evidence_missing", FindingEffect.Inconclusive, "diagnostic",
        "Run the check again with what the message names: a catalog with the missing rows (-Catalog), a longer -TimeoutSeconds, or the credential the TURN servers accept.");
}
