using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// TelnyxNet's signaling codes (source <c>signaling</c>): what stops or spoils the SDK's WebSocket to
/// rtc.telnyx.com, which the SDK itself only sees as 45001 WEBSOCKET_CONNECTION_FAILED.
/// </summary>
public static partial class FindingCodes
{
    /// <summary>The WebSocket could not be opened: the connection timed out, was refused or had no route.</summary>
    public static readonly FindingCode SignalingBlocked = Own("signaling_blocked", FindingEffect.Blocked, "signaling",
        "Allow outbound WSS (TCP 443) to rtc.telnyx.com; on a corporate VPN, split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com.");

    /// <summary>The signaling host (or the proxy's) did not resolve.</summary>
    public static readonly FindingCode SignalingDnsFailure = Own("signaling_dns_failure", FindingEffect.Blocked, "signaling",
        "Check the DNS servers this machine uses and that it can resolve rtc.telnyx.com.");

    /// <summary>The proxy demands credentials for CONNECT (407).</summary>
    public static readonly FindingCode SignalingProxyAuthenticationRequired = Own("signaling_proxy_auth_required", FindingEffect.Blocked, "signaling",
        "The proxy requires authentication for rtc.telnyx.com:443: ask the proxy team for a proxy bypass for rtc.telnyx.com, or make sure the browser can authenticate to the proxy.");

    /// <summary>The proxy refuses to tunnel to the signaling server.</summary>
    public static readonly FindingCode SignalingProxyRefused = Own("signaling_proxy_refused", FindingEffect.Blocked, "signaling",
        "Ask the proxy team to allow CONNECT to rtc.telnyx.com:443, or for a proxy bypass for rtc.telnyx.com.");

    /// <summary>The certificate presented for the signaling host is not trusted.</summary>
    public static readonly FindingCode SignalingTlsUntrusted = Own("signaling_tls_untrusted", FindingEffect.Blocked, "signaling",
        "Exempt rtc.telnyx.com from TLS inspection, or check this machine's clock and root certificates.");

    /// <summary>TLS to the signaling host is re-signed on the path (TLS inspection), though it is trusted.</summary>
    public static readonly FindingCode TlsIntercepted = Own("tls_intercepted", FindingEffect.Degraded, "signaling",
        "Exempt rtc.telnyx.com from TLS inspection: inspecting the signaling WebSocket breaks long-lived connections.");

    /// <summary>The WebSocket upgrade was refused (a proxy or the server answered with a status other than 101).</summary>
    public static readonly FindingCode SignalingUpgradeRejected = Own("signaling_upgrade_rejected", FindingEffect.Blocked, "signaling",
        "Allow WebSocket (HTTP Upgrade) to rtc.telnyx.com through the proxy or firewall: the SDK has no long-polling fallback.");

    /// <summary>The WebSocket did not stay open for the hold: closed, reset or silently dropped.</summary>
    public static readonly FindingCode SignalingClosedEarly = Own("signaling_closed_early", FindingEffect.Blocked, "signaling",
        "Raise the idle timeout of the proxy, firewall or NAT on the path to rtc.telnyx.com:443 well above 60 s, or ask for a proxy bypass: the SDK keeps the WebSocket open for the whole session.");

    /// <summary>Something answered that is not a WebSocket server or HTTP proxy (a captive portal, another service).</summary>
    public static readonly FindingCode SignalingProtocolError = Own("signaling_protocol_error", FindingEffect.Blocked, "signaling",
        "Something else answers for rtc.telnyx.com (a captive portal, a proxy or another service): sign in to the portal, or find the device that answers.");

    /// <summary>The codes of the signaling failure reasons.</summary>
    private static readonly IReadOnlyDictionary<FailureReason, FindingCode> SignalingCodes = new Dictionary<FailureReason, FindingCode>
    {
        [FailureReason.Timeout] = SignalingBlocked,
        [FailureReason.Refused] = SignalingBlocked,
        [FailureReason.Unreachable] = SignalingBlocked,
        [FailureReason.DnsFailure] = SignalingDnsFailure,
        [FailureReason.ProxyAuthenticationRequired] = SignalingProxyAuthenticationRequired,
        [FailureReason.ProxyRefused] = SignalingProxyRefused,
        [FailureReason.TlsFailure] = SignalingTlsUntrusted,
        [FailureReason.TlsIntercepted] = TlsIntercepted,
        [FailureReason.UpgradeRejected] = SignalingUpgradeRejected,
        [FailureReason.ClosedEarly] = SignalingClosedEarly,
        [FailureReason.ProtocolError] = SignalingProtocolError,
    };

    /// <summary>
    /// The findings of a signaling test: for each URI none of whose addresses succeeded, the code of
    /// its first failure, with that result's message and remediation; a URI that worked on some
    /// address gives none. Interception is reported even where the WebSocket worked through it.
    /// </summary>
    public static IReadOnlyList<Finding> FromSignaling(IEnumerable<SignalingResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results)))
            .GroupBy(r => r.Uri)
            .Where(g => !g.Any(r => r.Outcome == ProbeStatus.Succeeded))
            .Select(g => g.First())
            .Where(r => SignalingCodes.ContainsKey(r.Reason))
            .Select(r => SignalingCodes[r.Reason].With(r.Message, r.Uri, r.Remediation))
            .ToList();
}
