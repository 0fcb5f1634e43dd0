using System.Globalization;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What to do about a failed TURN test, in the words of Telnyx's troubleshooting pages
/// ("TURN fails", "UDP blocked", "Corporate VPN", SIP trunking "TURN with authentication").
/// </summary>
public static class TurnRemediation
{
    /// <summary>
    /// The advice for <paramref name="reason"/> when testing <paramref name="host"/>:<paramref name="port"/>
    /// over <paramref name="transport"/>; <paramref name="connected"/> when the TCP connection was up
    /// when it failed (then no firewall dropped it: what answered on it is the culprit).
    /// </summary>
    public static string For(FailureReason reason, TransportProtocol transport, string host, int port, CredentialSource source, int? errorCode = null, bool connected = false)
    {
        var target = host + ":" + port;
        var proto = transport == TransportProtocol.Udp ? "UDP" : transport == TransportProtocol.Tls ? "TLS (TCP)" : "TCP";
        var fallback = transport == TransportProtocol.Udp
            ? " If UDP is blocked, TURN over TCP still works, at higher latency: check that TCP/443 to turn.telnyx.com is allowed."
            : string.Empty;
        return reason switch
        {
            FailureReason.None => string.Empty,
            FailureReason.Timeout when connected => "TCP to " + target + " connected (the path is open), but no TURN answer came: the service on that port is not a TURN server (or is stalled), or a proxy or firewall accepted the connection in the server's place and passes nothing on. Check that " + target
                + " is a TURN server over " + (transport == TransportProtocol.Tls ? "TLS" : "TCP") + "; if a proxy or TLS inspector sits on the path, exempt " + host + " from it.",
            FailureReason.ConnectionReset => "TCP to " + target + " connected, then the connection was reset before any TURN answer: the service on that port is not TURN, or a firewall or proxy that inspects the flow cut it. Check what listens on " + target + "; exempt " + host + " from inspection.",
            FailureReason.Timeout => "Nothing came back: a firewall or VPN drops " + proto + " to " + target + ". Allow outbound " + proto + " to " + target
                + "; on a corporate VPN, split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com." + fallback,
            FailureReason.Refused => "Something on the path actively rejected " + proto + " to " + target + " (ICMP port unreachable or TCP reset): a firewall rule, or no TURN service on that port. Allow outbound " + proto + " to " + target + "." + fallback,
            FailureReason.Unreachable => "No route to " + target + ": check the network connection, the default gateway and the VPN; for an IPv6 address, check IPv6 connectivity or test with -AddressFamily IPv4.",
            FailureReason.DnsFailure => "The name " + host + " did not resolve: check the DNS servers this machine uses and that outbound DNS is allowed.",
            FailureReason.TlsFailure => "The TLS handshake with " + target + " failed: a TLS-inspecting proxy or firewall may be replacing the certificate (exempt " + host + " from inspection), or the server does not offer TLS on that port.",
            FailureReason.AuthenticationFailed => source switch
            {
                CredentialSource.Default => "The server is reachable, but refused the WebRTC SDK's public default credential. The SDK provisions its own TURN credentials; SIP trunking customers get theirs from Telnyx support. Test with your own credential (Test-TelnyxTurn -Credential, or telnyxnet turn --username).",
                CredentialSource.SharedSecret => "The server is reachable, but refused the credential derived from the shared secret: check the secret and that the server's clock is right (the user name carries an expiry time).",
                CredentialSource.IceServer => "The server is reachable, but refused the username and credential of its iceServers entry: the entry's credential is wrong or has expired (ephemeral TURN credentials usually expire within hours); fetch a fresh iceServers list.",
                _ => "The server is reachable, but refused the credentials: check the user name and password (SIP trunking TURN credentials come from Telnyx support).",
            },
            FailureReason.Forbidden => "The server refused the request (403 Forbidden): the account may not be allowed to relay, or to reach this peer address.",
            FailureReason.AllocationMismatch => "The server holds an allocation for this connection already (437): retry; if it persists, a middlebox reuses source ports.",
            FailureReason.WrongCredentials => "The server says the credentials differ from those that created the allocation (441): retry with one credential.",
            FailureReason.UnsupportedTransport => "The server does not relay UDP (442): it cannot carry Telnyx media.",
            FailureReason.AllocationQuotaReached => "This user holds as many allocations as the server allows (486): close other calls or clients using the same TURN user, or wait for their allocations to expire.",
            FailureReason.InsufficientCapacity => "The server has no relay capacity left (508): retry later, or use another TURN server.",
            FailureReason.RelayNotForwarding => "The allocation was granted, but data did not come through the relay: a firewall may block UDP between this machine and the relay ports of " + host + ", or the server does not forward. Calls that need TURN will have no media.",
            FailureReason.ErrorResponse => ErrorAdvice(errorCode, target),
            FailureReason.ProtocolError => "Something answered on " + target + " but not with valid STUN/TURN: a captive portal, a proxy or another service on that port. In a Docker bridge network, run with --network host.",
            _ => string.Empty,
        };
    }

    /// <summary>What to do about an error response that has no failure reason of its own, by code.</summary>
    private static string ErrorAdvice(int? code, string target) => code switch
    {
        TurnErrors.TryAlternate => "The server at " + target + " sent the test to an alternate server that could not be used (see the message): its alternate-server setting is wrong, or something on the path forged the redirect. Test the alternate server directly, or ask its operator.",
        TurnErrors.Unauthenticated => "The server at " + target + " demands authentication, but its 401 carries no REALM and NONCE, so no credential could even be sent: it is not a standard TURN server, or something on the path rewrote its answer. Check that " + target + " is a TURN server.",
        TurnErrors.AddressFamilyNotSupported => "The server at " + target + " cannot relay the address family asked for (440): without REQUESTED-ADDRESS-FAMILY a client asks for an IPv4 relay (RFC 8656 §7.2), which this server does not offer. Test over the other address family (-AddressFamily, --family) or use another TURN server.",
        _ => "The server at " + target + " answered with error " + (code?.ToString(CultureInfo.InvariantCulture) ?? "?") + ": it is reachable, but rejected the allocation. Check that " + target + " is a TURN server (the message has its reason phrase).",
    };
}
