using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>Readiness reports made by hand from parts' results, for the judgement's tests.</summary>
internal static class ReportBuilder
{
    public static StunBindingResult StunResult(string server, FailureReason reason, string message = "") => new()
    {
        Server = server,
        Port = 3478,
        Transport = "Udp",
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
        MappedAddress = reason == FailureReason.None ? "203.0.113.1" : string.Empty,
        Message = message.Length > 0 ? message : server + ": " + reason + ".",
    };

    public static TurnAllocationResult TurnResult(string server, string transport, int port, FailureReason reason, bool? relayVerified = true, double? rtt = 20) => new()
    {
        Server = server,
        Port = port,
        Transport = transport,
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
        RelayVerified = reason == FailureReason.None ? relayVerified : null,
        RelayRoundTripTimeMs = reason == FailureReason.None ? rtt : null,
        CredentialSource = "Credential",
        Username = "alice",
        Realm = reason == FailureReason.AuthenticationFailed ? "test.local" : string.Empty,
        ServerReachable = reason is FailureReason.None or FailureReason.AuthenticationFailed,
        Message = server + " " + transport + " " + port + ": " + reason + ".",
        Remediation = reason == FailureReason.None ? string.Empty : "Fix " + server + ".",
    };

    public static SipOptionsResult SipResult(string server, string transport, FailureReason reason) => new()
    {
        Server = server,
        Transport = transport,
        RemoteAddress = reason == FailureReason.DnsFailure ? string.Empty : "192.0.2.10",
        Outcome = reason == FailureReason.None ? ProbeStatus.Succeeded : ProbeStatus.Failed,
        Reason = reason,
        Message = server + " over " + transport + ": " + reason + ".",
    };

    public static IceServerReport IceServer(string uri, FailureReason reason, string kind = "stun")
    {
        var report = new IceServerReport { Server = uri, Kind = kind, Reason = reason, Answers = reason == FailureReason.None ? 1 : 0, Candidates = reason == FailureReason.None ? 1 : 0 };
        if (reason != FailureReason.None)
        {
            report.Failures.Add(new ProbeException(reason, uri + " failed: " + reason + "."));
        }

        return report;
    }

    public static IceGatheringSummary IceSummary(IReadOnlyList<IceServerReport> servers, params Finding[] findings) => new()
    {
        HostCount = 1,
        Servers = servers,
        Findings = findings,
    };

    public static TelnyxReadinessReport NewReport(
        IReadOnlyList<StunBindingResult>? stun = null,
        IReadOnlyList<TurnAllocationResult>? turn = null,
        IceGatheringSummary? ice = null,
        NatBehaviorResult? nat = null,
        IReadOnlyList<SipOptionsResult>? sip = null) => new()
    {
        Stun = stun ?? Array.Empty<StunBindingResult>(),
        Turn = turn ?? Array.Empty<TurnAllocationResult>(),
        Ice = ice,
        Nat = nat,
        Sip = sip ?? Array.Empty<SipOptionsResult>(),
    };

    public static TelnyxReadinessReport Judged(TelnyxReadinessReport report, params string[] missing)
    {
        ReadinessJudgement.Judge(report, new ConnectivityTargets(), missing, new[] { new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.0.0.53"), 53) });
        return report;
    }
}
