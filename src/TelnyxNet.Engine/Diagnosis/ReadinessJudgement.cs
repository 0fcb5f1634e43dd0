using System.Net;
using TelnyxNet.Engine.Ice;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// How the readiness check turns every part's results into one verdict with reasons and warnings:
/// <list type="number">
/// <item>A name that did not resolve is one <c>dns_failure</c> (<see cref="DnsRootCause"/>); the parts' findings whose only cause is that name are left out.</item>
/// <item>Each part's findings, in its own codes (ICE, TURN, NAT, SIP), and one <c>evidence_missing</c> per piece of evidence a Ready needs that the check could not gather.</item>
/// <item>One finding per code: findings of the same code (several servers, several rules) are merged, their messages and subjects kept.</item>
/// <item>One reason per root cause: <see cref="ConsequenceRules"/> turns what follows from a reason into warnings; the supplementary codes are warnings.</item>
/// <item>The verdict by <see cref="VerdictRules"/> with the SDK's precedence; when a reason blocks or degrades, what was not measured no longer matters to it and is a warning.</item>
/// </list>
/// Reasons are ordered by severity, then by part. Warnings never change the verdict.
/// </summary>
internal static class ReadinessJudgement
{
    /// <summary>Sets the verdict, reasons, warnings and summary of <paramref name="report"/>.</summary>
    public static void Judge(TelnyxReadinessReport report, ConnectivityTargets targets, IReadOnlyList<string> missing, IReadOnlyList<IPEndPoint> resolvers)
    {
        var dns = DnsRootCause.Of(report);
        var findings = new List<Finding>();
        if (dns.Finding(resolvers) is Finding failed)
        {
            findings.Add(failed);
        }

        findings.AddRange(FindingCodes.FromSignaling(report.Signaling.Where(r => r.Reason != FailureReason.DnsFailure)));
        findings.AddRange(ProxyRequired(report));
        findings.AddRange(IceFindings(report.Ice, dns));
        findings.AddRange(FindingCodes.FromTurn(report.Turn));
        if (report.Nat != null && report.Nat.Reason != FailureReason.DnsFailure)
        {
            findings.AddRange(report.Nat.Findings);
        }

        findings.AddRange(SipFindings.From(report.Sip).Where(f => f.Code != FindingCodes.DnsFailure.Code));
        findings.AddRange(FirewallFindings(report.Firewall, targets));
        if (report.Media is { } media)
        {
            findings.AddRange(media.Findings);
            if (media.Outcome != ProbeStatus.Succeeded && media.Findings.Count == 0)
            {
                findings.Add(FindingCodes.EvidenceMissing.With("The media path was not measured: " + media.Message, media.Server));
            }
        }
        findings.AddRange(missing.Select(m => FindingCodes.EvidenceMissing.With(m)));

        var (reasons, warnings) = OneReasonPerCause(Merge(findings));
        var verdict = VerdictRules.Decide(reasons, missing);
        if (verdict is ReadinessVerdict.Blocked or ReadinessVerdict.Degraded)
        {
            var unmeasured = reasons.Where(r => r.Code == FindingCodes.EvidenceMissing.Code).ToList();
            reasons.RemoveAll(unmeasured.Contains);
            warnings.InsertRange(0, unmeasured.Select(f => f.AsWarning("Not measured, and not needed for a " + verdict + " verdict: ")));
        }

        report.VerdictValue = verdict;
        report.Reasons = reasons.OrderByDescending(Rank).ToList();
        report.Warnings = warnings;
        report.Summary = ReadinessSummary.Line(report);
    }

    /// <summary>Findings of the same code as one: the messages in order, the subjects and remediations each once.</summary>
    internal static IReadOnlyList<Finding> Merge(IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Code, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.First() : FindingCodes.Find(g.Key)!.With(
                string.Join(" ", g.Select(f => f.Message)),
                string.Join(", ", g.Select(f => f.Subject).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)),
                string.Join(" ", g.Select(f => f.Remediation).Distinct(StringComparer.Ordinal))))
            .ToList();

    /// <summary>Applies the consequence rules in order and makes the supplementary codes warnings.</summary>
    internal static (List<Finding> Reasons, List<Finding> Warnings) OneReasonPerCause(IReadOnlyList<Finding> findings)
    {
        var found = new HashSet<string>(findings.Select(f => f.Code), StringComparer.Ordinal);
        var reasons = findings.Where(f => f.IsReason).ToList();
        var warnings = findings.Where(f => !f.IsReason).ToList();
        var demoted = new List<Finding>();
        foreach (var rule in ConsequenceRules.All.Where(r => r.When.Count == 0 || r.When.Any(w => found.Contains(w.Code))))
        {
            var root = reasons.FirstOrDefault(f => f.Code == rule.Root.Code);
            if (root is null)
            {
                continue;
            }

            foreach (var consequence in reasons.Where(f => rule.Consequences.Any(c => c.Code == f.Code)).ToList())
            {
                reasons.Remove(consequence);
                demoted.Add(consequence.AsConsequenceOf(root));
            }
        }

        foreach (var supplementary in reasons.Where(f => ConsequenceRules.Supplementary.Any(c => c.Code == f.Code)).ToList())
        {
            reasons.Remove(supplementary);
            demoted.Add(supplementary.AsWarning("Not needed for the verdict, which rests on the candidates and the media path: "));
        }

        warnings.InsertRange(0, demoted);
        return (reasons, warnings);
    }

    /// <summary>
    /// The firewall's findings for what no other part tested: a rule whose destination a part
    /// tested (signaling, STUN, TURN, SIP) is spoken for by that part's finding, and a rule whose
    /// name did not resolve by the one dns_failure.
    /// </summary>
    private static IEnumerable<Finding> FirewallFindings(IReadOnlyList<FirewallRuleResult> rules, ConnectivityTargets targets)
    {
        var covered = new HashSet<string>(rules.Where(r => targets.FirewallRules.Any(t => t.Rule == r.Rule && targets.Covers(t))).Select(r => r.Rule), StringComparer.Ordinal);
        return FindingCodes.FromFirewall(rules.Where(r => r.VerdictKind != FirewallVerdict.DnsFailure)).Where(f => !covered.Contains(f.Subject));
    }

    /// <summary>
    /// <c>signaling_proxy_required</c> for each URI that opened through a proxy while, tried
    /// straight to the server, the network dropped, refused or reset it.
    /// </summary>
    private static IEnumerable<Finding> ProxyRequired(TelnyxReadinessReport report) =>
        report.Signaling.Where(r => r.Outcome == ProbeStatus.Succeeded && r.ProxyUsed.Length > 0).GroupBy(r => r.Uri).Select(g => g.First())
            .Select(proxied => (Proxied: proxied, Direct: report.SignalingDirect.Where(d => d.Uri == proxied.Uri).ToList()))
            .Where(p => p.Direct.Count > 0 && p.Direct.All(d => d.Reason is FailureReason.Timeout or FailureReason.Refused or FailureReason.Unreachable or FailureReason.ConnectionReset))
            .Select(p => FindingCodes.SignalingProxyRequired.With(
                p.Proxied.Uri + " opens through the proxy " + p.Proxied.ProxyUsed + " (" + p.Proxied.ProxySource + "), but straight to the server it fails (" + string.Join(", ", p.Direct.Select(d => d.FailureReason).Distinct()) + "): only clients that use that proxy can reach signaling.",
                p.Proxied.Uri));

    /// <summary>The ICE findings, without those whose only cause is a name that did not resolve.</summary>
    private static IEnumerable<Finding> IceFindings(IceGatheringSummary? ice, DnsRootCause dns)
    {
        if (ice is null)
        {
            return Array.Empty<Finding>();
        }

        var silent = ice.Servers.Where(s => s.Candidates == 0 && s.Answers == 0).ToList();
        var onlyDns = silent.Count > 0 && silent.All(dns.Explains);
        var explained = new HashSet<string>(silent.Where(dns.Explains).Select(s => s.Server), StringComparer.OrdinalIgnoreCase);
        return ice.Findings.Where(f =>
            !(explained.Contains(f.Subject) && (f.Code == FindingCodes.IceServerFailed.Code || f.Code == FindingCodes.IceServerNoCandidates.Code))
            && !(onlyDns && DnsConsequences.Contains(f.Code)));
    }

    /// <summary>The ICE codes that say nothing more than "the servers' names did not resolve" when that is all that failed.</summary>
    private static readonly HashSet<string> DnsConsequences = new(StringComparer.Ordinal)
    {
        FindingCodes.IceOnlyHostCandidates.Code, FindingCodes.IceTurnRequired.Code, FindingCodes.IceUdpBlocked.Code, FindingCodes.IceGatheringTimeout.Code,
    };

    private static int Rank(Finding finding) => (int)(Enum.TryParse<FindingEffect>(finding.Effect, out var effect) ? effect : FindingEffect.Warning);
}
