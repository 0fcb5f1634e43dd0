using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Test-TelnyxFirewall's engine: every catalog rule at once, each with the probe that proves it
/// (<see cref="FirewallProbers"/>), all under one bound, so that an all-blocked network costs about
/// one timeout, not their sum. Returns one <see cref="FirewallRuleResult"/> per rule in catalog
/// order: the verdict, what the probe saw, and the change to ask the network team for. Failures
/// are results, never exceptions; only cancellation throws.
/// </summary>
public static class FirewallTest
{
    private const string Activity = "Testing firewall rules";

    /// <summary>Runs the test.</summary>
    public static Task<IReadOnlyList<FirewallRuleResult>> RunAsync(FirewallOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        var narration = log ?? NullEngineLog.Instance;
        return ProbeFanOut.EveryServerAsync(
            options.Rules,
            options,
            Activity,
            "Testing " + options.Rules.Count + " rule(s) at once",
            rule => rule.ToString(),
            async (rule, _) => (IReadOnlyList<FirewallRuleResult>)new[] { await TestRuleAsync(rule, options, narration, cancellationToken).ConfigureAwait(false) },
            progress,
            cancellationToken);
    }

    /// <summary>
    /// The verdict for -Quiet and the CLI's exit code: every Required rule that can be tested is
    /// Allowed (a Required rule no probe can prove does not count against it).
    /// </summary>
    public static bool Passed(IEnumerable<FirewallRuleResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Where(r => r.Required && r.VerdictKind != FirewallVerdict.NotTestable).All(r => r.VerdictKind == FirewallVerdict.Allowed);

    private static async Task<FirewallRuleResult> TestRuleAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken)
    {
        var result = new FirewallRuleResult
        {
            Server = rule.Host,
            Port = rule.FirstPort,
            Transport = rule.Protocol,
            Service = rule.Service,
            PortRange = rule.PortRange,
            Direction = rule.Direction,
            Required = rule.Required,
            Rule = rule.Rule,
            Timestamp = options.Clock.UtcNow,
        };
        var prober = FirewallProbers.For(rule);
        if (prober is null)
        {
            var (probe, why) = FirewallProbers.Untested[rule.ServiceKind];
            result.Probe = probe;
            result.Outcome = ProbeStatus.Skipped;
            result.VerdictKind = FirewallVerdict.NotTestable;
            result.Evidence = why(rule);
            result.Message = "Not tested: " + rule.Rule + ".";
            result.Remediation = rule.Rule + ". " + why(rule);
            return result;
        }

        result.Probe = prober.Probe;
        log.Verbose("Rule " + rule + ": " + prober.Probe + ".");
        var seen = await prober.Run(rule, options, log, cancellationToken).ConfigureAwait(false);
        result.VerdictKind = seen.Verdict;
        result.Reason = seen.Verdict == FirewallVerdict.Allowed ? FailureReason.None : seen.Reason;
        result.Outcome = seen.Verdict == FirewallVerdict.Allowed ? ProbeStatus.Succeeded : ProbeStatus.Failed;
        result.Evidence = seen.Evidence;
        result.RemoteAddress = seen.RemoteAddress;
        result.ResponseTimeMs = seen.ResponseTimeMs;
        result.Message = FirewallRequests.Message(rule, seen);
        result.Remediation = FirewallRequests.Request(rule, seen);
        log.Verbose("Rule " + rule + ": " + result.Verdict + ". " + result.Evidence);
        return result;
    }
}
