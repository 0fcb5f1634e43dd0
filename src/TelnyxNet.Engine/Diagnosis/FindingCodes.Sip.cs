namespace TelnyxNet.Engine.Diagnosis;

/// <summary>TelnyxNet's SIP signaling codes (Test-TelnyxSip; see <see cref="SipFindings"/>): what the SDK cannot see of SIP trunking.</summary>
public static partial class FindingCodes
{
    /// <summary>Something on the path rewrites SIP: a router's SIP ALG.</summary>
    public static readonly FindingCode SipAlgDetected = Own("sip_alg_detected", FindingEffect.Degraded, "sip", SipRemediation.Alg);

    /// <summary>SIP over UDP reaches no proxy while TCP or TLS does.</summary>
    public static readonly FindingCode SipUdpBlocked = Own("sip_udp_blocked", FindingEffect.Degraded, "sip",
        "A firewall blocks SIP over UDP (5060): allow outbound UDP 5060 to Telnyx's SIP proxies, or configure the SIP client for TCP 5060 or TLS 5061, which work here.");

    /// <summary>SIP over TLS (5061) reaches no proxy while UDP or TCP does.</summary>
    public static readonly FindingCode SipTlsBlocked = Own("sip_tls_blocked", FindingEffect.Warning, "sip",
        "SIP over TLS (5061) does not get through: allow outbound TCP 5061 to Telnyx's SIP proxies and exempt them from TLS inspection; TLS is the way around a SIP ALG and UDP blocking.");

    /// <summary>No proxy answered over any transport.</summary>
    public static readonly FindingCode SipUnreachable = Own("sip_unreachable", FindingEffect.Blocked, "sip",
        "No SIP proxy answers over UDP, TCP or TLS: allow outbound UDP and TCP 5060 and TCP 5061 to Telnyx's SIP proxies (every address their DNS names), and RTP 16384–32768/UDP both ways.");

    /// <summary>A proxy answered 408, 480, 503 or 504: reachable but not serving.</summary>
    public static readonly FindingCode SipProxyUnavailable = Own("sip_proxy_unavailable", FindingEffect.Degraded, "sip",
        "A proxy answered with one of Telnyx's failover codes (408, 480, 503, 504): calls fail over to the other proxy; if every proxy answers this way, contact Telnyx support.");

    /// <summary>Over a transport that works, some proxy addresses do not answer: the redundancy is lost.</summary>
    public static readonly FindingCode SipRedundancyLost = Own("sip_redundancy_lost", FindingEffect.Warning, "sip",
        "Only some of the proxy addresses answer: a firewall rule allows one Telnyx proxy but not the other. Allow every address the DNS names; Telnyx fails over between them.");
}
