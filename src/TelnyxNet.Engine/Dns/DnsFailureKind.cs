namespace TelnyxNet.Engine.Dns;

/// <summary>
/// Why a DNS question got no usable answer, as a result reports it (by name): each kind points at a
/// different culprit. <see cref="None"/> means the question was answered with records.
/// </summary>
public enum DnsFailureKind
{
    /// <summary>Answered with records of the type asked for.</summary>
    None,

    /// <summary>NXDOMAIN (RCODE 3, RFC 1035 §4.1.1): the name does not exist.</summary>
    NameNotFound,

    /// <summary>The name exists but has no records of the type asked for (NOERROR with an empty answer, RFC 2308 §2.2 "NODATA").</summary>
    NoRecords,

    /// <summary>SERVFAIL (RCODE 2): the resolver could not get an answer (its upstream failed or DNSSEC validation failed).</summary>
    ServerFailure,

    /// <summary>REFUSED (RCODE 5): the resolver will not answer this client or this name.</summary>
    Refused,

    /// <summary>No answer from the resolver within its time: it is unreachable, silent, or a firewall drops DNS.</summary>
    Timeout,

    /// <summary>Nothing listens on the resolver's address (ICMP port unreachable, TCP reset) or there is no route to it.</summary>
    Unreachable,

    /// <summary>The resolver answered with something that is not a valid answer to the question (malformed, another RCODE).</summary>
    Malformed,
}
