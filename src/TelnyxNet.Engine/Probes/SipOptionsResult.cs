using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Sip;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The result of a SIP OPTIONS request (RFC 3261 §11) to one address of a SIP server over one
/// transport: whether the proxy answers on this network, how fast, what it saw (the Via's
/// received/rport: this machine's public address on the SIP path), whether something on the way
/// rewrites SIP (a router's SIP ALG), and how DNS found the address (RFC 3263). Flat scalar
/// properties first, led by the columns every result shares (<see cref="IProbeResult"/>).
/// </summary>
public sealed class SipOptionsResult : IProbeResult
{
    internal SipOptionsResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The SIP server as given (a domain such as sip.telnyx.com, or an address).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The port the request went to (from SRV, as given, or 5060/5061).</summary>
    public int Port { get; internal set; }

    /// <summary>Udp, Tcp or Tls.</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when a final response came back (any code but 408, 480, 503 and 504 proves the proxy reachable); Skipped when the domain offers no record for this transport; else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Why it failed (Timeout, Refused, Unreachable, DnsFailure, TlsFailure, ProtocolError, ProxyUnavailable); None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>How the address was found: Naptr (NAPTR, SRV, A/AAAA), Srv (SRV, A/AAAA), A (A/AAAA) or Literal.</summary>
    public string ResolvedBy { get; internal set; } = string.Empty;

    /// <summary>The name the address belongs to (the SRV target, or the server).</summary>
    public string TargetHost { get; internal set; } = string.Empty;

    /// <summary>The address the request went to (empty when none was found).</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>The final response's status code.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The final response's reason phrase.</summary>
    public string ReasonPhrase { get; internal set; } = string.Empty;

    /// <summary>From the last transmission of the request to the final response, in milliseconds.</summary>
    public double? RoundTripTimeMs { get; internal set; }

    /// <summary>The Server header of the response (the proxy's software).</summary>
    public string ServerHeader { get; internal set; } = string.Empty;

    /// <summary>The received= the proxy put in the top Via (RFC 3261 §18.2.1): the address it saw this request come from.</summary>
    public string ReceivedAddress { get; internal set; } = string.Empty;

    /// <summary>The rport= the proxy put in the top Via (RFC 3581): the port it saw.</summary>
    public int? ReceivedPort { get; internal set; }

    /// <summary>True when the answer shows something on the path rewrote SIP (a SIP ALG); false when it came back as a plain path returns it; null when there was no answer to judge.</summary>
    public bool? AlgSuspected { get; internal set; }

    /// <summary>The ALG evidence in one line (the items of <see cref="AlgEvidence"/>, separated by " | ").</summary>
    public string AlgEvidenceText { get; internal set; } = string.Empty;

    /// <summary>The address a STUN server saw the request's own UDP socket come from (the ALG check's witness, <c>-StunServer</c>); empty over TCP and TLS or when none answered.</summary>
    public string MappedAddress { get; internal set; } = string.Empty;

    /// <summary>The port a STUN server saw the request's own UDP socket come from.</summary>
    public int? MappedPort { get; internal set; }

    /// <summary>How the proxy's received/rport compare with <see cref="MappedAddress"/>:<see cref="MappedPort"/> (agree, differ as a NAT explains, differ as only a SIP ALG explains), or why they were not compared; empty over TCP and TLS.</summary>
    public string MappingCheck { get; internal set; } = string.Empty;

    /// <summary>This machine's address used for the request.</summary>
    public string LocalAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port used for the request.</summary>
    public int? LocalPort { get; internal set; }

    /// <summary>UDP retransmissions (Timer E) before the final response or the end.</summary>
    public int Retransmissions { get; internal set; }

    /// <summary>The negotiated TLS version, over TLS.</summary>
    public string TlsProtocol { get; internal set; } = string.Empty;

    /// <summary>The DNS resolver that answered the last question of the chain (address:port).</summary>
    public string Resolver { get; internal set; } = string.Empty;

    /// <summary>A <see cref="DnsFailureKind"/> name: None, or why DNS found no address (NameNotFound, NoRecords, ServerFailure, Refused, Timeout, Unreachable, Malformed).</summary>
    public string DnsFailure => DnsKind.ToString();

    /// <summary>The DNS chain to this address with TTLs, e.g. <c>NAPTR … &gt; SRV … &gt; A …</c>.</summary>
    public string ResolutionPath { get; internal set; } = string.Empty;

    /// <summary>Each piece of SIP ALG evidence, in a sentence.</summary>
    public IReadOnlyList<string> AlgEvidence { get; internal set; } = Array.Empty<string>();

    /// <summary>Every DNS question asked for this server, in order, with its answer.</summary>
    public IReadOnlyList<SipDnsStep> Resolution { get; internal set; } = Array.Empty<SipDnsStep>();

    /// <summary>What happened, in one sentence.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it (empty on success without ALG).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the test started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <summary>The DNS failure as the engine's enum.</summary>
    internal DnsFailureKind DnsKind { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        Dns.HostPortSyntax.Format(RemoteAddress.Length > 0 ? RemoteAddress : Server, Port) + "/" + Transport + " " + Status
        + (Outcome == ProbeStatus.Succeeded ? " " + StatusCode + (AlgSuspected == true ? " ALG" : string.Empty) : " " + FailureReason);
}
