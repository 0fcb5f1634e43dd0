using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;

namespace TelnyxNet.Engine.Tests.Diagnosis;

/// <summary>SIP results turned into the verdict's findings: one per server and problem.</summary>
public sealed class SipFindingsTests
{
    [Fact]
    public void UDP_failing_while_TLS_answers_is_sip_udp_blocked_and_nothing_else()
    {
        var findings = SipFindings.From(new[]
        {
            Result("Udp", "192.0.2.10", FailureReason.Timeout),
            Result("Udp", "192.0.2.11", FailureReason.Refused),
            Result("Tls", "192.0.2.10", FailureReason.None),
            Result("Tls", "192.0.2.11", FailureReason.None),
        });

        var finding = Assert.Single(findings);
        Assert.Equal("sip_udp_blocked", finding.Code);
        Assert.Equal("Degraded", finding.Effect);
        Assert.Equal("sip.lab.test", finding.Subject);
        Assert.Contains("Timeout, Refused", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_answering_is_sip_unreachable_which_blocks()
    {
        var finding = Assert.Single(SipFindings.From(new[] { Result("Udp", "192.0.2.10", FailureReason.Timeout), Result("Tcp", "192.0.2.10", FailureReason.Timeout) }));

        Assert.Equal(("sip_unreachable", "Blocked", "sip"), (finding.Code, finding.Effect, finding.Source));
    }

    [Fact]
    public void One_address_of_two_answering_is_sip_redundancy_lost()
    {
        var findings = SipFindings.From(new[] { Result("Tcp", "192.0.2.10", FailureReason.None), Result("Tcp", "192.0.2.11", FailureReason.Timeout) });

        Assert.Equal("sip_redundancy_lost", Assert.Single(findings).Code);
        Assert.Contains("192.0.2.11", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALG_evidence_is_sip_alg_detected_with_the_first_piece_of_evidence()
    {
        var alg = Result("Udp", "192.0.2.10", FailureReason.None);
        alg.AlgSuspected = true;
        alg.AlgEvidence = new[] { "received=10.0.0.2 is this machine's own private address" };

        var finding = Assert.Single(SipFindings.From(new[] { alg }));

        Assert.Equal("sip_alg_detected", finding.Code);
        Assert.Contains("received=10.0.0.2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("SIP Passthrough", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolver_that_timed_out_before_another_answered_is_dns_resolver_unresponsive()
    {
        var result = Result("Tcp", "192.0.2.10", FailureReason.None);
        result.Resolution = new[] { new SipDnsStep("NAPTR sip.lab.test", "192.0.2.53:53", "UDP", "None", 60, new[] { "10 50 \"S\" \"SIP+D2T\" \"\" _sip._tcp.sip.lab.test." }, new[] { "192.0.2.99:53 Timeout: no answer after 2 UDP transmission(s) in 2.0 s." }, "answered") };

        var finding = Assert.Single(SipFindings.From(new[] { result }));

        Assert.Equal(("dns_resolver_unresponsive", "Warning", "192.0.2.99:53"), (finding.Code, finding.Effect, finding.Subject));
    }

    [Fact]
    public void Every_SIP_and_DNS_code_is_registered_with_a_remediation()
    {
        foreach (var code in new[] { "sip_alg_detected", "sip_udp_blocked", "sip_tls_blocked", "sip_unreachable", "sip_proxy_unavailable", "sip_redundancy_lost", "dns_failure", "dns_resolver_unresponsive", "dns_sip_records_missing" })
        {
            var registered = FindingCodes.Find(code);
            Assert.NotNull(registered);
            Assert.False(registered!.FromSdk);
            Assert.NotEmpty(registered.Remediation);
        }
    }

    private static SipOptionsResult Result(string transport, string address, FailureReason reason) => new()
    {
        Server = "sip.lab.test",
        Transport = transport,
        RemoteAddress = address,
        ResolvedBy = "Naptr",
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
    };
}
