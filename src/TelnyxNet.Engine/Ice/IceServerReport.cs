using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Ice;

/// <summary>What one STUN or TURN server gave during gathering: candidates, or why none.</summary>
public sealed class IceServerReport
{
    internal IceServerReport()
    {
    }

    /// <summary>The server's URI (stun:, turn: or turns:).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>stun or turn.</summary>
    public string Kind { get; internal set; } = string.Empty;

    /// <summary>How many interfaces it answered (its candidates, and answers that were redundant with a host or another candidate).</summary>
    public int Answers { get; internal set; }

    /// <summary>How many candidates it gave.</summary>
    public int Candidates { get; internal set; }

    /// <summary>The reason of its first failure (None when it never failed).</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>What happened, per interface that failed.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>The first failure's reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <summary>Every failure seen, in order.</summary>
    internal List<ProbeException> Failures { get; } = new();

    /// <summary>The transport to the server (UDP for STUN).</summary>
    internal Transport.TransportProtocol Transport { get; set; }

    /// <summary>True when no interface had an address of a family the server resolved to.</summary>
    internal bool NoBaseOfItsFamily { get; set; }

    /// <inheritdoc />
    public override string ToString() => Server + ": " + Candidates + " candidate(s)" + (Reason == Diagnosis.FailureReason.None ? string.Empty : ", " + FailureReason);
}
