namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// A rule's verdict in words, and the change to ask the network team for, phrased as the request
/// itself ("Allow outbound UDP 3478 to stun.telnyx.com") with what the test saw.
/// </summary>
internal static class FirewallRequests
{
    public static string Message(TelnyxEndpoint rule, RuleEvidence seen)
    {
        var what = rule.ProtocolWords + " " + rule.PortText + " to " + rule.HostWords;
        return seen.Verdict switch
        {
            FirewallVerdict.Allowed => "Allowed: " + what + " gets through.",
            FirewallVerdict.Blocked when seen.Reason == FailureReason.Timeout => "Blocked: " + what + " is silently dropped.",
            FirewallVerdict.Blocked => "Blocked: " + what + " is stopped on the way (" + seen.Reason + ").",
            FirewallVerdict.Rejected => "Rejected: " + what + " is actively refused (TCP reset or ICMP error).",
            FirewallVerdict.DnsFailure => "Not tested: " + rule.Host + " does not resolve.",
            FirewallVerdict.Intercepted => "Intercepted: TLS to " + rule.Host + ":" + rule.PortText + " is re-signed on the way" + (seen.Product.Length > 0 ? " by " + seen.Product : string.Empty) + ".",
            _ => "Failed: " + what + " reaches something, but not a working " + rule.Service + " server (" + seen.Reason + ").",
        };
    }

    public static string Request(TelnyxEndpoint rule, RuleEvidence seen) => seen.Verdict switch
    {
        FirewallVerdict.Allowed => string.Empty,
        FirewallVerdict.Blocked when seen.Reason == FailureReason.Timeout => rule.Rule + " (it is silently dropped now)." + Fallback(rule),
        FirewallVerdict.Blocked => seen.Remediation,
        FirewallVerdict.Rejected => rule.Rule + " (a firewall rejects it now)." + Fallback(rule),
        FirewallVerdict.DnsFailure => "Let this machine resolve " + rule.Host + " (check its DNS servers and that outbound DNS is allowed), then: " + rule.Rule + ".",
        FirewallVerdict.Intercepted => "Exempt " + rule.Host + ":" + rule.PortText + " from TLS inspection" + (seen.Product.Length > 0 ? " in " + seen.Product : string.Empty) + ".",
        _ => seen.Remediation,
    };

    /// <summary>What still works when a UDP relay rule is closed, in the words of Telnyx's "TURN fails" advice.</summary>
    private static string Fallback(TelnyxEndpoint rule) =>
        rule.ServiceKind == EndpointService.Turn && rule.ProtocolKind == EndpointProtocol.Udp
            ? " While UDP is closed, calls still connect through TURN over TCP 443 to " + rule.Host + " if that rule is allowed, at higher latency."
            : string.Empty;
}
