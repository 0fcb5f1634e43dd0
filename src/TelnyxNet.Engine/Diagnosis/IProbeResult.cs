namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The columns every probe result shares (DESIGN.md rule 11), so that fleet CSVs from different
/// commands and machines line up: each result type declares <c>ComputerName, Server, Port,
/// Transport, Status, FailureReason</c> first, in that order, then its own columns, then
/// <c>Message, Remediation, Timestamp</c>.
/// <para>
/// Values that are names (status, reason, transport) are strings on the public surface, so that
/// <c>ConvertTo-Json</c> writes <c>"Failed"</c> rather than <c>1</c> in Windows PowerShell 5.1 and
/// PowerShell 7 alike, and <c>Export-Csv</c>, deserialized job output and the CLI's JSON agree.
/// The engine keeps the enums (<see cref="ProbeStatus"/>, <see cref="Diagnosis.FailureReason"/>)
/// for its own logic; every string is the enum member's name.
/// </para>
/// </summary>
public interface IProbeResult
{
    /// <summary>The name of the machine that ran the probe, so that rows from many machines can be merged.</summary>
    string ComputerName { get; }

    /// <summary>The server as given (host name or address literal, IPv6 without brackets).</summary>
    string Server { get; }

    /// <summary>The server port.</summary>
    int Port { get; }

    /// <summary>The transport to the server (Udp, Tcp, Tls, Wss …).</summary>
    string Transport { get; }

    /// <summary>A <see cref="ProbeStatus"/> name: Succeeded, Failed or Skipped.</summary>
    string Status { get; }

    /// <summary>A <see cref="Diagnosis.FailureReason"/> name; None on success.</summary>
    string FailureReason { get; }

    /// <summary>What happened, in a sentence or two.</summary>
    string Message { get; }

    /// <summary>What to do about it, naming the culprit that failed (empty on success).</summary>
    string Remediation { get; }

    /// <summary>When the probe started (UTC).</summary>
    DateTimeOffset Timestamp { get; }
}
