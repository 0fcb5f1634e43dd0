using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Tests.Diagnosis;

/// <summary>Signaling results as findings: one per URI that never worked, with the code of its failure.</summary>
public sealed class SignalingFindingsTests
{
    [Theory]
    [InlineData(FailureReason.Timeout, "signaling_blocked", "Blocked")]
    [InlineData(FailureReason.Refused, "signaling_blocked", "Blocked")]
    [InlineData(FailureReason.Unreachable, "signaling_blocked", "Blocked")]
    [InlineData(FailureReason.DnsFailure, "signaling_dns_failure", "Blocked")]
    [InlineData(FailureReason.ProxyAuthenticationRequired, "signaling_proxy_auth_required", "Blocked")]
    [InlineData(FailureReason.ProxyRefused, "signaling_proxy_refused", "Blocked")]
    [InlineData(FailureReason.TlsFailure, "signaling_tls_untrusted", "Blocked")]
    [InlineData(FailureReason.TlsIntercepted, "tls_intercepted", "Degraded")]
    [InlineData(FailureReason.UpgradeRejected, "signaling_upgrade_rejected", "Blocked")]
    [InlineData(FailureReason.ClosedEarly, "signaling_closed_early", "Blocked")]
    [InlineData(FailureReason.ProtocolError, "signaling_protocol_error", "Blocked")]
    public void Every_signaling_failure_reason_has_its_code(FailureReason reason, string code, string effect)
    {
        var finding = Assert.Single(FindingCodes.FromSignaling(new[] { Result("wss://rtc.telnyx.com/", reason) }));

        Assert.Equal((code, effect, "signaling", "wss://rtc.telnyx.com/"), (finding.Code, finding.Effect, finding.Source, finding.Subject));
        Assert.Equal("message of " + reason, finding.Message);
        Assert.Equal("fix for " + reason, finding.Remediation);
        Assert.False(FindingCodes.Find(code)!.FromSdk);
    }

    [Fact]
    public void A_URI_that_worked_on_one_of_its_addresses_gives_no_finding()
    {
        var findings = FindingCodes.FromSignaling(new[]
        {
            Result("wss://rtc.telnyx.com/", FailureReason.Timeout),
            Result("wss://rtc.telnyx.com/", FailureReason.None),
            Result("wss://eu.rtc.telnyx.com/", FailureReason.ClosedEarly),
            Result("wss://eu.rtc.telnyx.com/", FailureReason.Timeout),
        });

        var finding = Assert.Single(findings);
        Assert.Equal(("signaling_closed_early", "wss://eu.rtc.telnyx.com/"), (finding.Code, finding.Subject));
    }

    private static SignalingResult Result(string uri, FailureReason reason) => new()
    {
        Uri = uri,
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
        Message = "message of " + reason,
        Remediation = reason == FailureReason.None ? string.Empty : "fix for " + reason,
    };
}
