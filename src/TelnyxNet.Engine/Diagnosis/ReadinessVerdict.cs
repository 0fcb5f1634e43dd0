namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The one-word answer to "can this machine place Telnyx calls?", in the Telnyx WebRTC SDK's
/// pre-call vocabulary (<c>verdict.ts</c>): Blocked, Degraded, Ready, or Inconclusive when the
/// evidence to say Ready is missing.
/// </summary>
public enum ReadinessVerdict
{
    /// <summary>Everything calls need answered, within the quality thresholds.</summary>
    Ready,

    /// <summary>Calls work, but worse than they should (only through a fallback, or with poor figures).</summary>
    Degraded,

    /// <summary>Calls cannot work: something essential failed.</summary>
    Blocked,

    /// <summary>Not enough evidence to say: a probe that decides could not run or answer (never a shrug over evidence that exists).</summary>
    Inconclusive,
}
