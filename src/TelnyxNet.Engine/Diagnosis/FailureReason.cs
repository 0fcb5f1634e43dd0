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

    /// <summary>TURN 403 Forbidden: the server will not serve this request, e.g. a peer address it does not allow (RFC 8656 §18).</summary>
    Forbidden,

    /// <summary>TURN 437 Allocation Mismatch: an allocation already exists for this 5-tuple, or none does for a Refresh.</summary>
    AllocationMismatch,

    /// <summary>TURN 441 Wrong Credentials: not the credentials that created the allocation.</summary>
    WrongCredentials,

    /// <summary>TURN 442 Unsupported Transport Protocol: the server does not relay UDP.</summary>
    UnsupportedTransport,

    /// <summary>TURN 486 Allocation Quota Reached: this user holds as many allocations as the server allows.</summary>
    AllocationQuotaReached,

    /// <summary>TURN 508 Insufficient Capacity: the server has no relay port or bandwidth left.</summary>
    InsufficientCapacity,

    /// <summary>The allocation succeeded but data sent through the relay did not come through.</summary>
    RelayNotForwarding,

    /// <summary>A SIP proxy answered, with 408, 480, 503 or 504: reachable, but not serving now (Telnyx's failover triggers).</summary>
    ProxyUnavailable,

    /// <summary>TCP connected, then the connection was reset (RST) by the server or a device on the path before an answer.</summary>
    ConnectionReset,

    /// <summary>The HTTP proxy answered CONNECT with 407: it demands credentials it was not given, or refused those it was given (RFC 9110 §15.5.8).</summary>
    ProxyAuthenticationRequired,

    /// <summary>The HTTP proxy refused to open the tunnel (CONNECT answered with a status other than 2xx or 407, RFC 9110 §9.3.6).</summary>
    ProxyRefused,

    /// <summary>The TLS certificate was re-signed on the path: the chain ends in a root no public CA program holds, or its issuer is a known TLS inspection product.</summary>
    TlsIntercepted,

    /// <summary>The WebSocket upgrade was refused: the server (or a proxy answering for it) replied with an HTTP status other than 101 Switching Protocols (RFC 6455 §4.1).</summary>
    UpgradeRejected,

    /// <summary>The WebSocket was closed by the other end (a Close frame, a reset or an end of stream) before the hold ended.</summary>
    ClosedEarly,
}
