using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using static TelnyxNet.Engine.Tests.Readiness.ReportBuilder;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>
/// Every code of the engine's one table comes out of the readiness check's judgement, as a reason
/// or a warning, from the results that produce it: no code is swallowed on the way to the report,
/// and a new code without a way into the report fails here.
/// </summary>
public sealed class EveryCodeReachesTheReportTests
{
    private const string Uri = "wss://rtc.lab.test/";

    private static readonly IReadOnlyDictionary<string, Func<(TelnyxReadinessReport Report, string[] Missing)>> Scenarios = new Dictionary<string, Func<(TelnyxReadinessReport, string[])>>
    {
        ["evidence_missing"] = () => (NewReport(), new[] { "No TURN server was given, so no relay was tested." }),
        ["dns_failure"] = () => (NewReport(stun: new[] { StunResult("stun.lab.test", FailureReason.DnsFailure) }), Array.Empty<string>()),
        ["dns_resolver_unresponsive"] = () => (Sip(SipStep("None", "192.0.2.99:53 Timeout: no answer.")), Array.Empty<string>()),
        ["dns_sip_records_missing"] = () => (Sip(SipStep("None", "192.0.2.53:53 answered.")), Array.Empty<string>()),
        ["sip_alg_detected"] = () => (Sip(alg: true), Array.Empty<string>()),
        ["sip_udp_blocked"] = () => (NewReport(sip: new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout), SipResult("sip.lab.test", "Tcp", FailureReason.None) }), Array.Empty<string>()),
        ["sip_tls_blocked"] = () => (NewReport(sip: new[] { SipResult("sip.lab.test", "Tls", FailureReason.Timeout), SipResult("sip.lab.test", "Udp", FailureReason.None) }), Array.Empty<string>()),
        ["sip_unreachable"] = () => (NewReport(sip: new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout) }), Array.Empty<string>()),
        ["sip_proxy_unavailable"] = () => (NewReport(sip: new[] { SipResult("sip.lab.test", "Udp", FailureReason.ProxyUnavailable) }), Array.Empty<string>()),
        ["sip_redundancy_lost"] = () => (NewReport(sip: new[] { SipResult("sip.lab.test", "Tcp", FailureReason.None), With(SipResult("sip.lab.test", "Tcp", FailureReason.Timeout), "192.0.2.11") }), Array.Empty<string>()),
        ["turn_auth_failed"] = () => (NewReport(turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.AuthenticationFailed) }), Array.Empty<string>()),
        ["signaling_proxy_required"] = () => (ProxiedOnly(), Array.Empty<string>()),
        ["firewall_rule_blocked"] = () => (Firewall(Rule(FirewallVerdict.Blocked, required: true)), Array.Empty<string>()),
        ["firewall_optional_rule_blocked"] = () => (Firewall(Rule(FirewallVerdict.Blocked, required: false)), Array.Empty<string>()),
        ["firewall_rule_intercepted"] = () => (Firewall(Rule(FirewallVerdict.Intercepted, required: true, protocol: "Tls")), Array.Empty<string>()),
        ["firewall_udp_blocked"] = () => (Firewall(Rule(FirewallVerdict.Blocked, required: true, service: "Stun"), Rule(FirewallVerdict.Allowed, required: true, protocol: "Tcp")), Array.Empty<string>()),
        ["firewall_rule_not_testable"] = () => (Firewall(Rule(FirewallVerdict.NotTestable, required: false, service: "Media")), Array.Empty<string>()),
    };

    /// <summary>The signaling failure reasons and their codes (FindingCodes.FromSignaling).</summary>
    private static readonly IReadOnlyDictionary<string, FailureReason> SignalingReasons = new Dictionary<string, FailureReason>
    {
        ["signaling_blocked"] = FailureReason.Timeout,
        ["signaling_dns_failure"] = FailureReason.DnsFailure,
        ["signaling_proxy_auth_required"] = FailureReason.ProxyAuthenticationRequired,
        ["signaling_proxy_refused"] = FailureReason.ProxyRefused,
        ["signaling_tls_untrusted"] = FailureReason.TlsFailure,
        ["tls_intercepted"] = FailureReason.TlsIntercepted,
        ["signaling_upgrade_rejected"] = FailureReason.UpgradeRejected,
        ["signaling_closed_early"] = FailureReason.ClosedEarly,
        ["signaling_protocol_error"] = FailureReason.ProtocolError,
    };

    /// <summary>Codes the check reports as another, by design: the one dns_failure speaks for every part's DNS failure.</summary>
    private static readonly IReadOnlyDictionary<string, string> Folded = new Dictionary<string, string>
    {
        ["signaling_dns_failure"] = "dns_failure",
    };

    public static TheoryData<string> Codes => new(FindingCodes.All.Select(c => c.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_code_comes_out_of_the_judgement_from_the_results_that_produce_it(string code)
    {
        var (report, missing) = ScenarioOf(code);

        Judged(report, missing);

        Assert.Contains(Folded.TryGetValue(code, out var speaker) ? speaker : code, report.Reasons.Concat(report.Warnings).Select(f => f.Code));
        Assert.All(report.Reasons.Concat(report.Warnings), f => Assert.False(string.IsNullOrWhiteSpace(f.Remediation), f.Code));
    }

    private static (TelnyxReadinessReport, string[]) ScenarioOf(string code)
    {
        if (Scenarios.TryGetValue(code, out var scenario))
        {
            return scenario();
        }

        if (SignalingReasons.TryGetValue(code, out var reason))
        {
            var report = NewReport();
            report.Signaling = new[] { Signaling(reason, string.Empty) };
            return (report, Array.Empty<string>());
        }

        var registered = FindingCodes.Find(code)!;
        var finding = registered.With("A " + code + " finding.", "subject");
        var made = registered.Source switch
        {
            "ice" => NewReport(ice: IceSummary(Array.Empty<Engine.Ice.IceServerReport>(), finding)),
            "nat" => NewReport(nat: new NatBehaviorResult { Outcome = ProbeStatus.Succeeded, Findings = new[] { finding } }),
            "network" => WithMedia(finding),
            _ => throw new Xunit.Sdk.XunitException(code + " (source " + registered.Source + ") has no way into the readiness report in this test: add its scenario."),
        };
        return (made, Array.Empty<string>());
    }

    private static TelnyxReadinessReport WithMedia(Finding finding)
    {
        var report = NewReport();
        report.Media = new MediaPathQuality { Server = "turn.lab.test", Outcome = ProbeStatus.Succeeded, Findings = new[] { finding } };
        return report;
    }

    private static SignalingResult Signaling(FailureReason reason, string proxy) => new()
    {
        Server = "rtc.lab.test",
        Port = 443,
        Transport = "Wss",
        Uri = Uri,
        ProxyUsed = proxy,
        ProxySource = proxy.Length > 0 ? "Parameter" : "Disabled",
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
        Message = Uri + ": " + reason + ".",
        Remediation = "Fix the path to rtc.lab.test.",
    };

    private static TelnyxReadinessReport ProxiedOnly()
    {
        var report = NewReport();
        report.Signaling = new[] { Signaling(FailureReason.None, "http://proxy.lab.test:3128") };
        report.SignalingDirect = new[] { Signaling(FailureReason.Timeout, string.Empty) };
        return report;
    }

    private static FirewallRuleResult Rule(FirewallVerdict verdict, bool required, string service = "Turn", string protocol = "Udp") => new()
    {
        Server = "203.0.113.10",
        Port = 3478,
        Transport = protocol,
        Service = service,
        Required = required,
        Rule = "Allow outbound " + protocol.ToUpperInvariant() + " 3478 to 203.0.113.10 (" + service + ")",
        VerdictKind = verdict,
        Outcome = verdict == FirewallVerdict.Allowed ? ProbeStatus.Succeeded : verdict == FirewallVerdict.NotTestable ? ProbeStatus.Skipped : ProbeStatus.Failed,
        Evidence = "What the probe saw.",
        Message = "The rule is " + verdict + ".",
        Remediation = "Ask for the rule.",
    };

    private static TelnyxReadinessReport Firewall(params FirewallRuleResult[] rules)
    {
        var report = NewReport();
        report.Firewall = rules;
        return report;
    }

    private static SipDnsStep SipStep(string outcome, string attempt) =>
        new("NAPTR sip.lab.test", "192.0.2.53:53", "UDP", outcome, 60, Array.Empty<string>(), new[] { attempt }, "answered");

    private static TelnyxReadinessReport Sip(SipDnsStep? step = null, bool alg = false)
    {
        var result = SipResult("sip.lab.test", "Udp", FailureReason.None);
        result.ResolvedBy = "A";
        result.AlgSuspected = alg;
        result.AlgEvidence = alg ? new[] { "received=10.0.0.2 is this machine's own private address" } : Array.Empty<string>();
        result.Resolution = step is null ? Array.Empty<SipDnsStep>() : new[] { step };
        return NewReport(sip: new[] { result });
    }

    private static SipOptionsResult With(SipOptionsResult result, string address)
    {
        result.RemoteAddress = address;
        return result;
    }
}
