using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What to do about a failed STUN binding, in the words of Telnyx's own troubleshooting
/// ("STUN fails (error 701)", "Corporate VPN", "Docker", "Restrictive networks").
/// </summary>
public static class StunRemediation
{
    /// <summary>
    /// The advice for <paramref name="reason"/> when testing <paramref name="host"/>:<paramref name="port"/>
    /// over <paramref name="transport"/>; <paramref name="connected"/> when the TCP connection was up
    /// when it failed (then no firewall dropped it: what answered on it is the culprit).
    /// </summary>
    public static string For(FailureReason reason, TransportProtocol transport, string host, int port, int? errorCode = null, bool connected = false)
    {
        var target = host + ":" + port;
        var proto = transport == TransportProtocol.Udp ? "UDP" : "TCP";
        return reason switch
        {
            FailureReason.None => string.Empty,
            FailureReason.Timeout when connected => "TCP to " + target + " connected (the path is open), but no STUN answer came: the service on that port is not a STUN server (or is stalled), or a proxy or firewall accepted the connection in the server's place and passes nothing on. Check that " + target
                + " is a STUN server over " + (transport == TransportProtocol.Tls ? "TLS" : "TCP") + "; if a proxy or TLS inspector sits on the path, exempt " + host + " from it.",
            FailureReason.ConnectionReset => "TCP to " + target + " connected, then the connection was reset before any STUN answer: the service on that port is not STUN, or a firewall or proxy that inspects the flow cut it. Check what listens on " + target + "; exempt " + host + " from inspection.",
            FailureReason.Timeout => "Nothing came back: a firewall or VPN drops " + proto + " to " + target +
                ". Without STUN the WebRTC SDK reports error 701 (no srflx candidates). Allow outbound " + proto + " to " + target +
                "; on a corporate VPN, split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com. If STUN stays blocked, TURN may still work (TCP/443 to turn.telnyx.com); if both are blocked, calls cannot connect.",
            FailureReason.Refused => "Something on the path actively rejected " + proto + " to " + target +
                " (ICMP port unreachable or TCP reset): a host or network firewall rule, or no STUN service on that port. Allow outbound " + proto + " to " + target + ".",
            FailureReason.Unreachable => "No route to " + target + ": check the network connection, the default gateway and the VPN; for an IPv6 address, check that this machine has IPv6 connectivity or test with -AddressFamily IPv4.",
            FailureReason.DnsFailure => "The name " + host + " did not resolve: check the DNS servers this machine uses and that outbound DNS is allowed; a VPN or proxy-only network may hide public names.",
            FailureReason.TlsFailure => "The TLS handshake with " + target + " failed: a TLS-inspecting proxy or firewall may be replacing the certificate (exempt " + host + " from inspection), or the server does not offer TLS on that port.",
            FailureReason.ErrorResponse => errorCode == 401
                ? "The server demands credentials for a plain Binding request; it is not a public STUN server. Use the server's credentials or another STUN server."
                : "The server answered with STUN error " + (errorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?") + ": it is reachable, but rejected the request. Check that " + target + " is a STUN server.",
            FailureReason.AuthenticationFailed => "The server rejected the credentials: check the username and password.",
            FailureReason.ProtocolError => "Something answered on " + target + " but not with valid STUN: a captive portal, a proxy or another service on that port. In a Docker bridge network, run with --network host.",
            _ => string.Empty,
        };
    }
}
