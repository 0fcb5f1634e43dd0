namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What to do about a failed signaling test, in the words of Telnyx's WebRTC network requirements
/// ("Outbound WebSocket connections must be allowed on port 443", "No HTTP long-polling fallback —
/// WebSocket is required", "Connection must remain open for the duration of the session",
/// "Corporate VPN"), naming the part of the path that failed: the firewall, the proxy, the TLS
/// inspector, the idle timeout.
/// </summary>
public static class SignalingRemediation
{
    /// <summary>The advice for <paramref name="reason"/> when testing <paramref name="host"/>:<paramref name="port"/>; <paramref name="proxy"/> names the proxy used (empty when direct).</summary>
    public static string For(FailureReason reason, string host, int port, string proxy, string? product = null)
    {
        var target = host + ":" + port;
        var allow = "Allow outbound WSS (TCP " + port + ") to " + target;
        var hop = proxy.Length > 0 ? "the proxy " + proxy : target;
        var inspector = string.IsNullOrEmpty(product) ? "a TLS-inspecting proxy or firewall" : product;
        return reason switch
        {
            FailureReason.None => string.Empty,
            FailureReason.Timeout => "Nothing came back from " + hop + ": a firewall silently drops the connection, or the server did not answer in time. " + allow + "; on a corporate VPN, split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com."
                + (proxy.Length > 0 ? string.Empty : " If this network reaches the web only through a proxy, test through it (-Proxy, or the system or HTTPS_PROXY settings)."),
            FailureReason.Refused => "Something on the path actively rejected the connection to " + hop + " (TCP reset or ICMP): a firewall rule, or nothing listens there. " + allow + ".",
            FailureReason.Unreachable => "No route to " + hop + ": check the network connection, the default gateway and the VPN; for an IPv6 address, check IPv6 connectivity or test with -AddressFamily IPv4.",
            FailureReason.DnsFailure => "The name " + (proxy.Length > 0 ? "of the proxy" : host) + " did not resolve: check the DNS servers this machine uses and that outbound DNS is allowed.",
            FailureReason.ProxyAuthenticationRequired => "The proxy " + proxy + " requires authentication: test with its credential (-ProxyCredential, or user:password in the proxy URI), and ask the proxy team for a proxy bypass for " + host + " so that the browser's WebSocket needs none.",
            FailureReason.ProxyRefused => "The proxy " + proxy + " refuses to tunnel to " + target + ": ask the proxy team to allow CONNECT to " + target + " (WSS), or for a proxy bypass for " + host + ".",
            FailureReason.TlsFailure => "The certificate presented for " + host + " is not trusted here. If " + inspector + " re-signs it, exempt " + host + " from TLS inspection (the browser fails the same way); otherwise check this machine's clock and root certificates.",
            FailureReason.TlsIntercepted => (string.IsNullOrEmpty(product) ? "A TLS-inspecting proxy or firewall" : product) + " re-signs the connection to " + host + ": exempt " + host + " from TLS inspection. Inspection of the signaling WebSocket breaks long-lived connections and hides what the SDK needs.",
            FailureReason.UpgradeRejected => "The WebSocket upgrade to " + target + " was refused: the SDK needs a WebSocket (there is no HTTP long-polling fallback). If a proxy answered, ask the proxy team to allow WebSocket (HTTP Upgrade) to " + host + " or for a proxy bypass; " + allow + ".",
            FailureReason.ClosedEarly => "The WebSocket to " + target + " did not stay open: the SDK keeps it open for the whole session. Ask for the idle timeout of the proxy, firewall or NAT on the path to be raised well above 60 s for " + host + ":443 (its health check pings after 20 s of silence), or for a proxy bypass.",
            FailureReason.ProtocolError => "Something answered on " + hop + ", but not as an HTTP proxy or WebSocket server should: a captive portal, a proxy or another service on that port. Sign in to the portal, or ask which device answers for " + host + ".",
            _ => string.Empty,
        };
    }
}
