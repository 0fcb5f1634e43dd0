using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Test-TelnyxConnectivity's engine: every part at once under one budget
/// (<see cref="ConnectivityBudget"/>): the signaling WebSocket (and, when it goes through a proxy,
/// straight to the server as well), STUN, TURN on every transport, ICE gathering, NAT behaviour,
/// SIP when there are SIP servers, and every firewall rule of the catalog, then the media path
/// through the best relay the TURN part found; then the findings of them all judged into one verdict
/// with the SDK's precedence (<see cref="ReadinessJudgement"/>). Returns one
/// <see cref="TelnyxReadinessReport"/>; failures are findings, never exceptions; only cancellation
/// throws (after every part has cleaned up).
/// </summary>
public static class ConnectivityCheck
{
    /// <summary>Runs the check.</summary>
    public static async Task<TelnyxReadinessReport> RunAsync(ConnectivityOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        log ??= NullEngineLog.Instance;
        var clock = options.Clock;
        var started = clock.Elapsed;
        var budget = new ConnectivityBudget(options.Timeout, options.MediaDuration, options.CleanupTimeout);
        var report = new TelnyxReadinessReport { Timestamp = clock.UtcNow };
        var missing = new List<string>();
        var bar = new ConnectivityProgress(progress);
        log.Verbose("Checking within " + Seconds(options.Timeout) + " s: each part at most " + Seconds(budget.Part) + " s (STUN, ICE and NAT " + Seconds(budget.Gathering) + " s).");
        var targets = options.Targets;
        var parts = new List<Task>
        {
            Part("signaling", targets.Signaling.Count > 0, bar, () => SignalingProbe.RunAsync(ConnectivityPlan.Signaling(options, budget), new PartLog(log, "signaling"), null, cancellationToken), r => report.Signaling = r),
            Part("signaling (direct)", targets.Signaling.Count > 0 && ConnectivityPlan.SignalingUsesProxy(options), bar, () => SignalingProbe.RunAsync(ConnectivityPlan.Signaling(options, budget, direct: true), new PartLog(log, "signaling, direct"), null, cancellationToken), r => report.SignalingDirect = r),
            Part("STUN", targets.StunServers.Count > 0, bar, () => StunBindingProbe.RunAsync(ConnectivityPlan.Stun(options, budget), new PartLog(log, "stun"), null, cancellationToken), r => report.Stun = r),
            Part("ICE", true, bar, () => IceGatheringProbe.RunAsync(ConnectivityPlan.Ice(options, budget), new PartLog(log, "ice"), null, cancellationToken), r => report.Ice = r),
            Part("NAT", targets.StunServers.Count > 0, bar, () => NatBehaviorProbe.RunAsync(ConnectivityPlan.Nat(options, budget), new PartLog(log, "nat"), null, cancellationToken), r => report.Nat = r),
            Part("SIP", targets.SipServers.Count > 0, bar, () => SipOptionsProbe.RunAsync(ConnectivityPlan.Sip(options, budget), new PartLog(log, "sip"), null, cancellationToken), r => report.Sip = r),
            Part("firewall", targets.FirewallRules.Count > 0, bar, () => FirewallTest.RunAsync(ConnectivityPlan.Firewall(options, budget), new PartLog(log, "firewall"), null, cancellationToken), r => report.Firewall = r),
        };
        var turn = Part("TURN", targets.TurnServers.Count > 0, bar, () => TurnAllocationProbe.RunAsync(ConnectivityPlan.Turn(options, budget), new PartLog(log, "turn"), null, cancellationToken), r => report.Turn = r);
        parts.Add(turn);
        parts.Add(MediaAfterAsync(turn, options, budget, started, report, missing, bar, log, cancellationToken));
        try
        {
            await Task.WhenAll(parts).ConfigureAwait(false);
        }
        finally
        {
            bar.Done();
        }

        if (targets.Signaling.Count == 0)
        {
            missing.Add("No signaling server was given, so the WebSocket calls are set up over was not tested.");
        }

        if (targets.StunServers.Count + targets.TurnServers.Count == 0)
        {
            missing.Add("No STUN or TURN server was given, so no srflx or relay candidate could be gathered.");
        }
        else if (targets.TurnServers.Count == 0)
        {
            missing.Add("No TURN server was given, so no relay was tested.");
        }

        ReadinessFigures.Fill(report);
        report.DurationSeconds = Math.Round((clock.Elapsed - started).TotalSeconds, 1);
        ReadinessJudgement.Judge(report, targets, missing, options.DnsServers ?? SystemDnsServers.Discover());
        log.Verbose(report.Summary);
        return report;
    }

    /// <summary>
    /// The verdict for -Quiet and automation: true only for Ready, or also for Degraded when
    /// <paramref name="allowDegraded"/>.
    /// </summary>
    public static bool Passed(TelnyxReadinessReport report, bool allowDegraded = false) =>
        (report ?? throw new ArgumentNullException(nameof(report))).VerdictValue == ReadinessVerdict.Ready
        || (allowDegraded && report.VerdictValue == ReadinessVerdict.Degraded);

    /// <summary>
    /// The media path, once the TURN part has found the best relay: through that relay alone, set up
    /// within what the budget has left after the stream, its drain and the clean-up; when there is no
    /// relay or no time, what was not measured is said instead.
    /// </summary>
    private static async Task MediaAfterAsync(Task turn, ConnectivityOptions options, ConnectivityBudget budget, TimeSpan started, TelnyxReadinessReport report, List<string> missing, ConnectivityProgress bar, IEngineLog log, CancellationToken cancellationToken)
    {
        await turn.ConfigureAwait(false);
        if (options.Targets.TurnServers.Count == 0)
        {
            return;
        }

        var relay = ReadinessFigures.BestRelay(report.Turn);
        if (relay is null)
        {
            missing.Add("The media path was not measured: no TURN transport gave a relay to stream through.");
            return;
        }

        var elapsed = options.Clock.Elapsed - started;
        if (budget.MediaSetup(elapsed) is not TimeSpan setup)
        {
            missing.Add("The media path was not measured: " + Seconds(budget.Total - elapsed) + " s of the " + Seconds(budget.Total) + " s budget were left when the relay was found, and the " + Seconds(budget.MediaDuration) + " s stream needs about " + Seconds(budget.MediaReserve + ConnectivityBudget.MinMediaSetup) + " s: raise -TimeoutSeconds or lower -MediaDurationSeconds.");
            return;
        }

        var name = "media";
        bar.Started(name);
        try
        {
            log.Verbose("media: streaming " + Seconds(budget.MediaDuration) + " s through the best relay, " + relay + ".");
            var results = await MediaPathProbe.RunAsync(ConnectivityPlan.Media(options, relay, setup), new PartLog(log, name), new Progress(bar), cancellationToken).ConfigureAwait(false);
            report.Media = results.FirstOrDefault();
        }
        finally
        {
            bar.Finished(name);
        }
    }

    /// <summary>Runs one part when it has something to test, keeping its result; the bar knows about it from the start.</summary>
    private static Task Part<T>(string name, bool wanted, ConnectivityProgress bar, Func<Task<T>> run, Action<T> keep)
    {
        if (!wanted)
        {
            return Task.CompletedTask;
        }

        bar.Started(name);
        return RunAsync();

        async Task RunAsync()
        {
            try
            {
                keep(await run().ConfigureAwait(false));
            }
            finally
            {
                bar.Finished(name);
            }
        }
    }

    /// <summary>The media stream's own reports, as steps of the check's one bar.</summary>
    private sealed class Progress : IProgress<ProbeProgress>
    {
        private readonly ConnectivityProgress _bar;

        public Progress(ConnectivityProgress bar) => _bar = bar;

        public void Report(ProbeProgress value)
        {
            if (!value.Completed)
            {
                _bar.Step(value.Status);
            }
        }
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
