namespace TelnyxNet.Engine.Diagnosis;

/// <summary>TelnyxNet's firewall codes (source <c>firewall</c>): catalog rules that the network does not let through.</summary>
public static partial class FindingCodes
{
    /// <summary>A required rule is not allowed: dropped, rejected, stopped by a proxy, unresolvable or answered by something else.</summary>
    public static readonly FindingCode FirewallRuleBlocked = Own("firewall_rule_blocked", FindingEffect.Blocked, "firewall",
        "Ask the network team for the rule in the result's Remediation (Get-TelnyxEndpoint | Export-Csv lists every rule).");

    /// <summary>An optional ("recommended") rule is not allowed.</summary>
    public static readonly FindingCode FirewallOptionalRuleBlocked = Own("firewall_optional_rule_blocked", FindingEffect.Warning, "firewall",
        "Calls work without it, but the documents recommend it: ask the network team for the rule in the result's Remediation.");

    /// <summary>TLS on a rule is re-signed on the path (TLS inspection).</summary>
    public static readonly FindingCode FirewallRuleIntercepted = Own("firewall_rule_intercepted", FindingEffect.Degraded, "firewall",
        "Exempt the host from TLS inspection.");

    /// <summary>UDP to STUN and TURN is closed while TURN over TCP or TLS works: calls relay over TCP, with higher latency.</summary>
    public static readonly FindingCode FirewallUdpBlocked = Own("firewall_udp_blocked", FindingEffect.Degraded, "firewall",
        "Allow outbound UDP 3478 to stun.telnyx.com and turn.telnyx.com: over TCP, media has higher latency and suffers more from loss.");

    /// <summary>Rules no probe can prove from this machine (media ranges) or none exists for yet.</summary>
    public static readonly FindingCode FirewallRuleNotTestable = Own("firewall_rule_not_testable", FindingEffect.Warning, "firewall",
        "Make sure these rules are in place from the rule list (Get-TelnyxEndpoint); a working UDP TURN relay covers media when the RTP range is closed.");

    /// <summary>
    /// The findings of a firewall test: one per required rule that is not allowed, one per optional
    /// one (a warning), one per intercepted rule, UDP closed while TCP/TLS TURN works, and one
    /// warning per service whose rules could not be tested.
    /// </summary>
    public static IReadOnlyList<Finding> FromFirewall(IEnumerable<FirewallRuleResult> results)
    {
        var rules = (results ?? throw new ArgumentNullException(nameof(results))).ToList();
        var findings = new List<Finding>();
        foreach (var rule in rules.Where(r => r.VerdictKind is not FirewallVerdict.Allowed and not FirewallVerdict.NotTestable))
        {
            var code = rule.VerdictKind == FirewallVerdict.Intercepted ? FirewallRuleIntercepted : rule.Required ? FirewallRuleBlocked : FirewallOptionalRuleBlocked;
            findings.Add(code.With(rule.Message + " " + rule.Evidence, rule.Rule, rule.Remediation));
        }

        var udp = rules.Where(r => r.Service is "Stun" or "Turn" && r.Transport == "Udp").ToList();
        var turnOverTcp = rules.Where(r => r.Service == "Turn" && r.Transport != "Udp").ToList();
        if (udp.Count > 0 && udp.All(r => r.VerdictKind is FirewallVerdict.Blocked or FirewallVerdict.Rejected) && turnOverTcp.Any(r => r.VerdictKind == FirewallVerdict.Allowed))
        {
            findings.Add(FirewallUdpBlocked.With("UDP to STUN and TURN does not get through, but TURN over " + string.Join(" and ", turnOverTcp.Where(r => r.VerdictKind == FirewallVerdict.Allowed).Select(r => r.Transport.ToUpperInvariant() + " " + r.Port).Distinct()) + " does: calls relay over TCP."));
        }

        foreach (var service in rules.Where(r => r.VerdictKind == FirewallVerdict.NotTestable).GroupBy(r => r.Service))
        {
            findings.Add(FirewallRuleNotTestable.With(service.Count() + " " + service.Key + " rule(s) not tested: " + service.First().Evidence, service.Key));
        }

        return findings;
    }
}
