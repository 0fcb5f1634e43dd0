using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The outcome of one ICE gathering: counts per candidate type, how long the first non-host
/// candidate and the whole gathering took, the findings in the Telnyx WebRTC SDK's codes
/// (<see cref="Findings"/>, ready for a verdict over every check), each server's share, and the
/// candidates themselves.
/// </summary>
public sealed class IceGatheringSummary
{
    internal IceGatheringSummary()
    {
    }

    /// <summary>The name of the machine that gathered.</summary>
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>Host candidates.</summary>
    public int HostCount { get; internal set; }

    /// <summary>Server-reflexive candidates.</summary>
    public int SrflxCount { get; internal set; }

    /// <summary>Relay candidates.</summary>
    public int RelayCount { get; internal set; }

    /// <summary>Interfaces that gave host candidates.</summary>
    public int InterfaceCount { get; internal set; }

    /// <summary>Milliseconds to the first srflx or relay candidate; empty when there was none.</summary>
    public double? FirstNonHostMs { get; internal set; }

    /// <summary>Milliseconds until gathering completed (every server answered or failed, or the timeout).</summary>
    public double CompleteMs { get; internal set; }

    /// <summary>True when some server was still unanswered at the timeout.</summary>
    public bool TimedOut { get; internal set; }

    /// <summary>The findings' codes, comma-separated, for CSV sheets.</summary>
    public string FindingCodes => string.Join(", ", Findings.Select(f => f.Code));

    /// <summary>The findings, in the SDK's vocabulary.</summary>
    public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

    /// <summary>Every candidate, in the order gathered.</summary>
    public IReadOnlyList<IceCandidate> Candidates { get; internal set; } = Array.Empty<IceCandidate>();

    /// <summary>What each STUN and TURN server gave.</summary>
    public IReadOnlyList<IceServerReport> Servers { get; internal set; } = Array.Empty<IceServerReport>();

    /// <summary>What gathering found, in a sentence.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>When gathering started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => HostCount + " host, " + SrflxCount + " srflx, " + RelayCount + " relay" + (Findings.Count > 0 ? " (" + FindingCodes + ")" : string.Empty);
}
