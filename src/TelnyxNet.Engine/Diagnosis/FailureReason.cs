namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Why a probe failed. Each value is a distinct symptom with its own remediation.</summary>
public enum FailureReason
{
    /// <summary>The probe did not fail.</summary>
    None = 0,

    /// <summary>No answer within the time allowed: packets silently dropped on the way or back.</summary>
    Timeout,

    /// <summary>Actively rejected: ICMP port unreachable (UDP) or a TCP reset.</summary>
    Refused,

    /// <summary>No route to the address: no network, or no route for that address family.</summary>
    Unreachable,

    /// <summary>The name did not resolve (or has no address of the requested family).</summary>
    DnsFailure,

    /// <summary>The TLS handshake failed: untrusted or mismatched certificate, TLS inspection, protocol mismatch.</summary>
    TlsFailure,

    /// <summary>The server answered with a STUN error response.</summary>
    ErrorResponse,

    /// <summary>The server refused the credentials.</summary>
    AuthenticationFailed,

    /// <summary>Something answered, but not with a valid STUN message (malformed response).</summary>
    ProtocolError,
}
