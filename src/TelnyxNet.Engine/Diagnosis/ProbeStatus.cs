namespace TelnyxNet.Engine.Diagnosis;

/// <summary>The outcome of one probe.</summary>
public enum ProbeStatus
{
    /// <summary>The exchange completed as expected.</summary>
    Succeeded,

    /// <summary>The exchange failed; see the failure reason.</summary>
    Failed,

    /// <summary>The probe was not run.</summary>
    Skipped,
}
