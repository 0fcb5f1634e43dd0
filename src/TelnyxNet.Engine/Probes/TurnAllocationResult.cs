using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The result of a TURN allocation (RFC 8656) on one server, transport and address: whether this
/// machine gets a relay, whether the relay forwards data, how fast, and, when it failed, exactly
/// why and what to do. Names the credential's source, never the secret. Flat scalar properties,
/// so that Export-Csv gives a useful sheet.
/// </summary>
public sealed class TurnAllocationResult : IProbeResult
{
    internal TurnAllocationResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The server host as given (name or address).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The server port.</summary>
    public int Port { get; internal set; }

    /// <summary>The transport to the server: Udp, Tcp or Tls (the relayed leg is always UDP).</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when the allocation was granted and (unless skipped) the relay forwarded data both ways; else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Why it failed (the STUN reasons, AuthenticationFailed, the TURN errors, RelayNotForwarding); None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>The STUN error code of the server's final error response, if any.</summary>
    public int? ErrorCode { get; internal set; }

    /// <summary>The reason phrase of that error response.</summary>
    public string ErrorReason { get; internal set; } = string.Empty;

    /// <summary>True once the server answered at all (a 401 challenge with REALM and NONCE counts): it is reachable even if the allocation failed.</summary>
    public bool ServerReachable { get; internal set; }

    /// <summary>The REALM of the server's challenge.</summary>
    public string Realm { get; internal set; } = string.Empty;

    /// <summary>Where the credential came from: Default, Credential, SharedSecret or IceServer.</summary>
    public string CredentialSource { get; internal set; } = string.Empty;

    /// <summary>The user name sent (for SharedSecret, "expiry:name"); never the password.</summary>
    public string Username { get; internal set; } = string.Empty;

    /// <summary>The server address that was tested (empty when the name did not resolve).</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>The ALTERNATE-SERVER a 300 Try Alternate sent the test to, when it was followed.</summary>
    public string AlternateServer { get; internal set; } = string.Empty;

    /// <summary>This machine's address used for the test.</summary>
    public string LocalAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port used for the test.</summary>
    public int? LocalPort { get; internal set; }

    /// <summary>The relayed transport address's IP (XOR-RELAYED-ADDRESS): where peers send to reach this machine.</summary>
    public string RelayedAddress { get; internal set; } = string.Empty;

    /// <summary>The relayed port.</summary>
    public int? RelayedPort { get; internal set; }

    /// <summary>This machine's address as the server saw it (XOR-MAPPED-ADDRESS).</summary>
    public string MappedAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port as the server saw it.</summary>
    public int? MappedPort { get; internal set; }

    /// <summary>The allocation's lifetime granted by the server, in seconds.</summary>
    public int? LifetimeSeconds { get; internal set; }

    /// <summary>Milliseconds from the start of the test of this address to the Allocate success: TCP/TLS set-up, the 401 challenge and a followed redirect included.</summary>
    public double? AllocateTimeMs { get; internal set; }

    /// <summary>
    /// True when data went through the relay to a peer and back (a local UDP socket, or a second
    /// allocation when UDP from this machine is blocked); false when it did not; null when skipped,
    /// not reached, or when no peer could be set up (the message says why).
    /// </summary>
    public bool? RelayVerified { get; internal set; }

    /// <summary>Round trip through the relay (client → relay → peer → relay → client), in milliseconds.</summary>
    public double? RelayRoundTripTimeMs { get; internal set; }

    /// <summary>The server's SOFTWARE attribute.</summary>
    public string ServerSoftware { get; internal set; } = string.Empty;

    /// <summary>The password algorithm used for MESSAGE-INTEGRITY: MD5 (RFC 5389 style) or SHA256 (RFC 8489 §18.5.1.2).</summary>
    public string PasswordAlgorithm { get; internal set; } = string.Empty;

    /// <summary>True when the allocation was deleted (Refresh with LIFETIME 0 answered); null when none was made.</summary>
    public bool? Deallocated { get; internal set; }

    /// <summary>The negotiated TLS version, for TLS.</summary>
    public string TlsProtocol { get; internal set; } = string.Empty;

    /// <summary>What happened, in one sentence or two.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it (empty on success).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the test started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        StunServerAddress.FormatHostPort(Server, Port) + "/" + Transport + " " + Status + (Outcome == ProbeStatus.Succeeded ? " relay " + StunServerAddress.FormatHostPort(RelayedAddress, RelayedPort ?? 0) : " " + FailureReason);
}
