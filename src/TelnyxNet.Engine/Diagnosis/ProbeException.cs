namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Raised inside the engine when an exchange fails for a reason the result reports. Probes turn
/// it into data (a failed result); it never reaches a cmdlet.
/// </summary>
public sealed class ProbeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProbeException(FailureReason reason, string message, Exception? inner = null)
        : base(message, inner) => Reason = reason;

    /// <summary>The classified reason.</summary>
    public FailureReason Reason { get; }

    /// <summary>The STUN error code, when the server answered with an error response.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The error response's reason phrase.</summary>
    public string ErrorReason { get; init; } = string.Empty;

    /// <summary>
    /// True when the failure came after the TCP connection was up: the path to the server is
    /// open, so the culprit is what answered (or did not) on it, not a firewall that drops TCP.
    /// </summary>
    public bool Connected { get; init; }
}
