using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What to do about a SIP result, naming the culprit, in the words of Telnyx's SIP trunking page
/// (seed 002: allow 5060/5061 outbound, "Consider using TLS for SIP signaling: port 5061" on
/// restrictive networks, RTP 16384–32768/UDP both ways against one-way audio).
/// </summary>
public static class SipRemediation
{
    /// <summary>What to do about a router's SIP ALG.</summary>
    public const string Alg = "A SIP ALG on the router or firewall rewrites SIP messages (the classic cause of one-way audio and failed registrations): turn it off. It hides under names such as \"SIP ALG\", \"SIP Passthrough\", \"SIP Transformations\", \"SIP fixup\" or \"SIP inspection\". Or use SIP over TLS on port 5061, which no ALG can read. For one-way audio, also allow RTP 16384–32768/UDP both ways.";

    private const string Media = " For media, allow RTP 16384–32768/UDP both ways.";

    /// <summary>
    /// The advice for a result that failed with <paramref name="reason"/> (or succeeded, with
    /// <paramref name="algSuspected"/>); <paramref name="connected"/> when the TCP connection was up
    /// before the failure, so that the advice blames no firewall that drops TCP.
    /// </summary>
    public static string For(FailureReason reason, TransportProtocol transport, string host, int port, DnsFailureKind dns, string resolver, int? statusCode, bool algSuspected, bool connected = false)
    {
        var target = HostPortSyntax.Format(host, port);
        var proto = transport == TransportProtocol.Udp ? "UDP" : "TCP";
        var tlsAdvice = transport == TransportProtocol.Udp ? " Where UDP stays blocked, use SIP over TLS on port 5061 (Telnyx's advice for restrictive networks)." : string.Empty;
        return reason switch
        {
            FailureReason.None => algSuspected ? Alg : string.Empty,
            FailureReason.Timeout when connected => "TCP to " + target + " connected (the path is open), but no SIP response came: the service on that port is not a SIP proxy (or is stalled), or a proxy or firewall accepted the connection in the server's place and passes nothing on. Check what listens on " + target + "; exempt " + host + " from inspection.",
            FailureReason.ConnectionReset => "TCP to " + target + " connected, then the connection was reset before any SIP response: the service on that port is not SIP, or a firewall or proxy that inspects the flow cut it. Check what listens on " + target + "; exempt " + host + " from inspection.",
            FailureReason.Timeout => "Nothing came back: a firewall or VPN silently drops " + proto + " to " + target + ". Allow outbound " + proto + " " + port + " to Telnyx's SIP proxies (every address the DNS names: they are redundant)." + tlsAdvice + Media,
            FailureReason.Refused => "Something on the path actively rejected " + proto + " to " + target + " (ICMP port unreachable or TCP reset): a firewall rule, or no SIP service on that port. Allow outbound " + proto + " " + port + " to Telnyx's SIP proxies." + tlsAdvice,
            FailureReason.Unreachable => "No route to " + target + ": check the network connection, the default gateway and the VPN; for an IPv6 address, check IPv6 connectivity or test with -AddressFamily IPv4.",
            FailureReason.DnsFailure => ForDns(dns, host, resolver),
            FailureReason.TlsFailure => "The TLS handshake with " + target + " failed: a TLS-inspecting proxy or firewall may be replacing the certificate (exempt Telnyx's SIP proxies from inspection), or the server offers no TLS on that port.",
            FailureReason.ProtocolError => "Something answered on " + target + " but not with a valid SIP answer to this request: a SIP ALG that breaks messages, a captive portal, or another service on that port." + (transport == TransportProtocol.Udp ? " Try SIP over TLS on 5061, which nothing on the path can rewrite." : string.Empty),
            FailureReason.ProxyUnavailable => "The proxy at " + target + " is reachable but answered " + statusCode + ": it is not serving now. Telnyx's clients fail over to the other proxy on 408, 480, 503 and 504: check that the other addresses answer; if every proxy answers this way, contact Telnyx support.",
            _ => string.Empty,
        };
    }

    private static string ForDns(DnsFailureKind kind, string host, string resolver)
    {
        var by = resolver.Length > 0 ? " (resolver " + resolver + ")" : string.Empty;
        return kind switch
        {
            DnsFailureKind.NameNotFound => "The name " + host + " does not exist" + by + ": check its spelling. Telnyx's pages disagree on the regional names (sip.telnyx.com, sip-eu.telnyx.com, sip.telnyx.eu …): -Region tests each.",
            DnsFailureKind.NoRecords => "DNS has no address for " + host + by + ": a DNS filter or split-horizon DNS may hide it; check with the resolver's administrator.",
            DnsFailureKind.ServerFailure => "The resolver failed to answer for " + host + " (SERVFAIL" + by + "): its upstream is unreachable or DNSSEC validation failed. Check the resolver, or test another one with -DnsServer.",
            DnsFailureKind.Refused => "The resolver refused to answer for " + host + " (REFUSED" + by + "): it does not serve this machine or this name. Use the resolver the network intends (DHCP), or test another with -DnsServer.",
            DnsFailureKind.Timeout => "No DNS resolver answered for " + host + by + ": outbound DNS (UDP and TCP 53) is blocked, or the resolvers are down. Check the DNS servers this machine uses.",
            DnsFailureKind.Unreachable => "The DNS resolver cannot be reached" + by + ": nothing listens on it or there is no route. Check the DNS servers this machine uses.",
            _ => "The resolver's answer for " + host + " was not valid DNS" + by + ": something between this machine and the resolver interferes with DNS.",
        };
    }
}
