namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What a finding does to the verdict, in the Telnyx WebRTC SDK's pre-call diagnostic vocabulary
/// (<c>verdict.ts</c>): reasons set the verdict with the precedence Blocked &gt; Degraded &gt;
/// Inconclusive's absence of evidence; warnings never change it.
/// </summary>
public enum FindingEffect
{
    /// <summary>A warning: reported, never changes the verdict.</summary>
    Warning,

    /// <summary>Not enough evidence to say: the verdict is Inconclusive unless another reason decides it.</summary>
    Inconclusive,

    /// <summary>Calls work, worse than they should.</summary>
    Degraded,

    /// <summary>Calls cannot work.</summary>
    Blocked,
}
