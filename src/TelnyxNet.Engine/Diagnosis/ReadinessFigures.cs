using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>The report's key figures, read from its parts' results: what a fleet sheet wants in one row per machine.</summary>
internal static class ReadinessFigures
{
    public static void Fill(TelnyxReadinessReport report)
    {
        report.SignalingConnected = report.Signaling.Count == 0 ? null : SignalingProbe.Passed(report.Signaling);
        report.SignalingProxy = report.Signaling.FirstOrDefault(r => r.Outcome == ProbeStatus.Succeeded)?.ProxyUsed ?? report.Signaling.FirstOrDefault()?.ProxyUsed ?? string.Empty;
        report.PublicAddress = report.Stun.FirstOrDefault(r => r.Outcome == ProbeStatus.Succeeded)?.MappedAddress
            ?? report.Ice?.Candidates.FirstOrDefault(c => c.Type == "srflx")?.Address
            ?? (report.Nat?.Outcome == ProbeStatus.Succeeded ? report.Nat.PublicAddress : string.Empty);
        report.NatMapping = report.Nat?.MappingBehavior ?? string.Empty;
        var udp = report.Stun.Where(r => r.Transport == nameof(TransportProtocol.Udp)).ToList();
        report.UdpOpen = udp.Count == 0 ? null : udp.Any(r => r.Outcome == ProbeStatus.Succeeded);
        if (BestRelay(report.Turn) is TurnAllocationResult relay)
        {
            report.RelayTransport = relay.Transport;
            report.RelayServer = StunServerAddress.FormatHostPort(relay.Server, relay.Port);
        }

        report.SipReachable = report.Sip.Count == 0 ? null : SipOptionsProbe.Passed(report.Sip);
        if (report.Media is MediaPathQuality media)
        {
            report.MediaQuality = media.Quality;
            report.EstimatedMos = media.EstimatedMos;
            report.RoundTripTimeMs = media.RoundTripTimeMs;
            report.JitterMs = media.JitterMs;
            report.LossPercent = media.LossPercent;
        }

        report.FirewallRulesBlocked = report.Firewall.Count == 0 ? null : report.Firewall.Count(r => r.Required && r.VerdictKind is not FirewallVerdict.Allowed and not FirewallVerdict.NotTestable);
    }

    /// <summary>
    /// The relay a call's media would use: a transport that allocated (and relayed, where that was
    /// checked), UDP before TCP before TLS as browsers prefer, the faster relay first.
    /// </summary>
    public static TurnAllocationResult? BestRelay(IEnumerable<TurnAllocationResult> results) =>
        results.Where(r => r.Outcome == ProbeStatus.Succeeded && r.RelayVerified != false)
            .OrderBy(r => r.Transport == nameof(TransportProtocol.Udp) ? 0 : r.Transport == nameof(TransportProtocol.Tcp) ? 1 : 2)
            .ThenBy(r => r.RelayVerified == true ? 0 : 1)
            .ThenBy(r => r.RelayRoundTripTimeMs ?? r.AllocateTimeMs ?? double.MaxValue)
            .FirstOrDefault();
}
