namespace TelnyxNet.Engine.Sip;

/// <summary>
/// One DNS question asked while finding a SIP server (RFC 3263 §4): what was asked, which
/// resolver answered over which transport, what came back with its TTL, or why nothing did.
/// Carried by <see cref="Probes.SipOptionsResult.Resolution"/>.
/// </summary>
public sealed class SipDnsStep
{
    internal SipDnsStep(string query, string resolver, string transport, string outcome, int? ttlSeconds, IReadOnlyList<string> records, IReadOnlyList<string> attempts, string message)
    {
        Query = query;
        Resolver = resolver;
        Transport = transport;
        Outcome = outcome;
        TtlSeconds = ttlSeconds;
        Records = records;
        Attempts = attempts;
        Message = message;
    }

    /// <summary>The question, e.g. <c>NAPTR sip.telnyx.com</c> or <c>SRV _sips._tcp.sip.telnyx.com</c>.</summary>
    public string Query { get; }

    /// <summary>The resolver that answered (address:port), or the last one asked when none did.</summary>
    public string Resolver { get; }

    /// <summary>UDP, or TCP after a truncated UDP answer (RFC 7766); empty when no resolver answered.</summary>
    public string Transport { get; }

    /// <summary>A <see cref="Dns.DnsFailureKind"/> name: None when records came back, else NameNotFound, NoRecords, ServerFailure, Refused, Timeout, Unreachable or Malformed.</summary>
    public string Outcome { get; }

    /// <summary>The lowest TTL of the records, in seconds.</summary>
    public int? TtlSeconds { get; }

    /// <summary>The records in master-file form.</summary>
    public IReadOnlyList<string> Records { get; }

    /// <summary>What each resolver that failed before the answer did.</summary>
    public IReadOnlyList<string> Attempts { get; }

    /// <summary>What happened, in one sentence.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Query + ": " + (Outcome == nameof(Dns.DnsFailureKind.None) ? string.Join(", ", Records) : Outcome);
}
