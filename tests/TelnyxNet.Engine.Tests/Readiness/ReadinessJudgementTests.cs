using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using static TelnyxNet.Engine.Tests.Readiness.ReportBuilder;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>How the readiness check turns its parts' results into one verdict, one reason per root cause, and warnings.</summary>
public sealed class ReadinessJudgementTests
{
    private const string StunUri = "stun:stun.lab.test:3478";
    private const string TurnUri = "turn:turn.lab.test:3478?transport=udp";

    [Fact]
    public void Nothing_wrong_and_nothing_missing_is_Ready_with_no_reason()
    {
        var report = Judged(NewReport(stun: new[] { StunResult("stun.lab.test", FailureReason.None) }, turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.None) }, ice: IceSummary(new[] { IceServer(StunUri, FailureReason.None) })));

        Assert.Equal("Ready", report.Verdict);
        Assert.Empty(report.Reasons);
        Assert.StartsWith("Ready | ", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_evidence_is_Inconclusive_and_the_reason_says_what_is_missing()
    {
        var report = Judged(NewReport(), "No TURN server was given, so no relay was tested.");

        Assert.Equal("Inconclusive", report.Verdict);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal(("evidence_missing", "Inconclusive", "diagnostic"), (reason.Code, reason.Effect, reason.Source));
        Assert.Equal("No TURN server was given, so no relay was tested.", reason.Message);
        Assert.StartsWith("Inconclusive: evidence_missing | No TURN server was given", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_that_degrades_decides_and_what_was_not_measured_becomes_a_warning()
    {
        var report = Judged(NewReport(ice: IceSummary(new[] { IceServer(StunUri, FailureReason.Timeout) }, FindingCodes.IceTurnRequired.With("Only relay candidates."))), "The media path was not measured.");

        Assert.Equal("Degraded", report.Verdict);
        Assert.Equal("ice_turn_required", report.ReasonCodes);
        var warning = Assert.Single(report.Warnings, w => w.Code == "evidence_missing");
        Assert.Equal("Warning", warning.Effect);
        Assert.StartsWith("Not measured, and not needed for a Degraded verdict: The media path", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolver_that_resolves_nothing_is_one_dns_failure_not_a_wall_of_failures()
    {
        var ice = IceSummary(
            new[] { IceServer(StunUri, FailureReason.DnsFailure), IceServer(TurnUri, FailureReason.DnsFailure, "turn") },
            FindingCodes.IceOnlyHostCandidates.With("Only host candidates."),
            FindingCodes.IceServerFailed.With(StunUri + " failed (DnsFailure).", StunUri),
            FindingCodes.IceServerFailed.With(TurnUri + " failed (DnsFailure).", TurnUri),
            FindingCodes.IceGatheringTimeout.With("Gathering did not complete."));
        var report = Judged(NewReport(
            stun: new[] { StunResult("stun.lab.test", FailureReason.DnsFailure, "DNS resolution of stun.lab.test did not finish in time; the DNS server is unreachable or slow.") },
            turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.DnsFailure), TurnResult("turn.lab.test", "Tcp", 443, FailureReason.DnsFailure) },
            ice: ice,
            sip: new[] { SipResult("sip.lab.test", "Udp", FailureReason.DnsFailure) }));

        Assert.Equal("Blocked", report.Verdict);
        var reason = Assert.Single(report.Reasons);
        Assert.Equal("dns_failure", reason.Code);
        Assert.Equal("stun.lab.test, turn.lab.test, sip.lab.test", reason.Subject);
        Assert.StartsWith("stun.lab.test, turn.lab.test and sip.lab.test do not resolve (DNS resolution of stun.lab.test did not finish in time", reason.Message, StringComparison.Ordinal);
        Assert.Contains("STUN, TURN (2), ICE (2), SIP", reason.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.53", reason.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Warnings, w => w.Code is "ice_only_host_candidates" or "ice_server_failed");
        Assert.Equal("Blocked: dns_failure", report.Summary.Split(" | ")[0]);
    }

    [Fact]
    public void One_name_that_does_not_resolve_leaves_the_other_failures_their_own_reasons()
    {
        var ice = IceSummary(
            new[] { IceServer(StunUri, FailureReason.Refused), IceServer(TurnUri, FailureReason.DnsFailure, "turn") },
            FindingCodes.IceOnlyHostCandidates.With("Only host candidates."),
            FindingCodes.IceServerFailed.With(StunUri + " failed (Refused).", StunUri),
            FindingCodes.IceServerFailed.With(TurnUri + " failed (DnsFailure).", TurnUri));

        var report = Judged(NewReport(turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.DnsFailure) }, ice: ice));

        Assert.Equal(new[] { "dns_failure", "ice_only_host_candidates", "ice_server_failed" }, report.Reasons.Select(r => r.Code));
        Assert.Equal(StunUri, report.Reasons[2].Subject);
    }

    [Fact]
    public void UDP_blocked_is_one_reason_the_SDKs_ice_turn_required_with_the_rest_as_its_consequences()
    {
        var ice = IceSummary(
            new[] { IceServer(StunUri, FailureReason.Timeout) },
            FindingCodes.IceTurnRequired.With("Only relay candidates reach outside."),
            FindingCodes.IceUdpBlocked.With("UDP is blocked."),
            FindingCodes.IceGatheringTimeout.With("Gathering did not complete."),
            FindingCodes.IceServerNoCandidates.With(StunUri + " gave no candidate.", StunUri));
        var sip = new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout), SipResult("sip.lab.test", "Tls", FailureReason.None) };

        var report = Judged(NewReport(turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.Timeout), TurnResult("turn.lab.test", "Tcp", 443, FailureReason.None) }, ice: ice, sip: sip));

        Assert.Equal("Degraded", report.Verdict);
        Assert.Equal("ice_turn_required", report.ReasonCodes);
        Assert.Equal(new[] { "ice_udp_blocked", "ice_gathering_timeout", "sip_udp_blocked", "ice_server_no_candidates" }, report.Warnings.Select(w => w.Code));
        Assert.All(report.Warnings.Take(3), w => Assert.StartsWith("Consequence of ice_turn_required: ", w.Message, StringComparison.Ordinal));
        Assert.All(report.Warnings, w => Assert.Equal("Warning", w.Effect));
        ReadinessFigures.Fill(report);
        Assert.Equal("Tcp", report.RelayTransport);
    }

    [Fact]
    public void SIP_over_UDP_blocked_alone_stays_a_reason_where_UDP_otherwise_works()
    {
        var ice = IceSummary(new[] { IceServer(StunUri, FailureReason.None) }, FindingCodes.IceTurnRequired.With("The NAT maps every destination anew."));
        var sip = new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout), SipResult("sip.lab.test", "Tcp", FailureReason.None) };

        var report = Judged(NewReport(ice: ice, sip: sip));

        Assert.Equal("ice_turn_required, sip_udp_blocked", report.ReasonCodes);
    }

    [Fact]
    public void Findings_of_one_code_are_one_reason_with_every_subject()
    {
        var ice = IceSummary(
            new[] { IceServer(StunUri, FailureReason.Refused), IceServer(TurnUri, FailureReason.ErrorResponse, "turn") },
            FindingCodes.IceServerFailed.With(StunUri + " failed (Refused).", StunUri),
            FindingCodes.IceServerFailed.With(TurnUri + " failed (ErrorResponse).", TurnUri, "Fix the TURN server."));

        var report = Judged(NewReport(ice: ice));

        var reason = Assert.Single(report.Reasons);
        Assert.Equal(StunUri + ", " + TurnUri, reason.Subject);
        Assert.Equal(StunUri + " failed (Refused). " + TurnUri + " failed (ErrorResponse).", reason.Message);
        Assert.EndsWith("Fix the TURN server.", reason.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TURN_server_that_refuses_the_credential_on_every_transport_is_turn_auth_failed()
    {
        var report = Judged(NewReport(turn: new[] { TurnResult("turn.lab.test", "Udp", 3478, FailureReason.AuthenticationFailed), TurnResult("turn.lab.test", "Tls", 443, FailureReason.AuthenticationFailed), TurnResult("turn2.lab.test", "Tls", 443, FailureReason.None) }));

        var reason = Assert.Single(report.Reasons);
        Assert.Equal(("turn_auth_failed", "Degraded", "turn", "turn.lab.test"), (reason.Code, reason.Effect, reason.Source, reason.Subject));
        Assert.Equal("turn.lab.test refused the credential (Credential, user 'alice') over Udp 3478, Tls 443 in realm 'test.local'.", reason.Message);
        Assert.Equal("Fix turn.lab.test.", reason.Remediation);
    }

    [Fact]
    public void A_NAT_that_cannot_be_told_is_a_warning_the_candidates_and_the_media_path_decide()
    {
        var nat = new NatBehaviorResult { Outcome = ProbeStatus.Succeeded, Findings = new[] { FindingCodes.NatInconclusive.With("The mapping could not be told.") } };

        var report = Judged(NewReport(nat: nat));

        Assert.Equal("Ready", report.Verdict);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(("nat_inconclusive", "Warning"), (warning.Code, warning.Effect));
        Assert.StartsWith("Not needed for the verdict", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_media_paths_network_codes_set_the_verdict_and_fair_quality_is_a_warning()
    {
        var report = NewReport();
        report.Media = new MediaPathQuality { Server = "turn.lab.test", Outcome = ProbeStatus.Succeeded, Findings = new[] { FindingCodes.NetworkPacketLoss.With("Packet loss through turn.lab.test is 3 %."), FindingCodes.NetworkFairQuality.With("Fair.") } };

        Judged(report);

        Assert.Equal(("Degraded", "network_packet_loss", "network_fair_quality"), (report.Verdict, report.ReasonCodes, report.WarningCodes));
    }

    [Fact]
    public void A_media_path_that_failed_without_a_network_code_is_not_measured_evidence()
    {
        var report = NewReport();
        report.Media = new MediaPathQuality { Server = "turn.lab.test", Outcome = ProbeStatus.Failed, Reason = FailureReason.Timeout, Message = "No transport allocated in time." };

        Judged(report);

        Assert.Equal("Inconclusive", report.Verdict);
        Assert.Equal("The media path was not measured: No transport allocated in time.", Assert.Single(report.Reasons).Message);
    }

    [Fact]
    public void Reasons_come_most_severe_first()
    {
        var ice = IceSummary(new[] { IceServer(StunUri, FailureReason.Refused) }, FindingCodes.IceServerFailed.With("refused", StunUri));
        var sip = new[] { SipResult("sip.lab.test", "Udp", FailureReason.Timeout) };

        var report = Judged(NewReport(ice: ice, sip: sip));

        Assert.Equal("sip_unreachable, ice_server_failed", report.ReasonCodes);
        Assert.Equal("Blocked", report.Verdict);
    }

    /// <summary>
    /// Every combination the judgement can meet: merging and the consequence rules never change the
    /// verdict that the findings give by the SDK's precedence (the supplementary codes aside, which
    /// are warnings in the check by design).
    /// </summary>
    [Fact]
    public void One_reason_per_cause_never_changes_the_verdict()
    {
        var random = new Random(12);
        var codes = FindingCodes.All.ToList();
        for (var round = 0; round < 2000; round++)
        {
            var findings = Enumerable.Range(0, random.Next(1, 8)).Select(_ => codes[random.Next(codes.Count)].With("finding " + round, "subject" + random.Next(3))).ToList();
            var expected = VerdictRules.Decide(findings.Where(f => !ConsequenceRules.Supplementary.Any(s => s.Code == f.Code)), Array.Empty<string>());

            var (reasons, warnings) = ReadinessJudgement.OneReasonPerCause(ReadinessJudgement.Merge(findings));

            Assert.Equal(expected, VerdictRules.Decide(reasons, Array.Empty<string>()));
            Assert.All(warnings, w => Assert.Equal("Warning", w.Effect));
            Assert.Equal(findings.Select(f => f.Code).Distinct().OrderBy(c => c), reasons.Concat(warnings).Select(f => f.Code).OrderBy(c => c));
        }
    }

    [Fact]
    public void No_consequence_rule_outranks_its_root() =>
        Assert.All(ConsequenceRules.All, rule => Assert.All(rule.Consequences, c => Assert.True(c.Effect <= rule.Root.Effect, rule.Root.Code + " → " + c.Code)));
}
