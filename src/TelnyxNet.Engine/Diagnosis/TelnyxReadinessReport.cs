using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The answer of Test-TelnyxConnectivity for one machine: can it place Telnyx calls, and how well?
/// The verdict in the Telnyx WebRTC SDK's vocabulary (Ready, Degraded, Blocked, Inconclusive, with
/// its precedence), the findings that set it (<see cref="Reasons"/>) and those that do not
/// (<see cref="Warnings"/>), a one-line <see cref="Summary"/> for Intune, the key figures, and every
/// part's own results. Flat scalar columns first, so that <c>Export-Csv</c> gives one useful row
/// per machine; the parts' results follow as properties. Not a probe result: it leads with the
/// machine, who ran it and when.
/// </summary>
public sealed class TelnyxReadinessReport
{
    internal TelnyxReadinessReport()
    {
    }

    /// <summary>The machine checked.</summary>
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>Who ran the check (DOMAIN\user on Windows).</summary>
    public string UserName { get; internal set; } = ThisMachine.UserName;

    /// <summary>The operating system.</summary>
    public string OS { get; internal set; } = ThisMachine.OperatingSystem;

    /// <summary>When the check started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>Ready, Degraded, Blocked or Inconclusive (Blocked outranks Degraded, which outranks Ready; Inconclusive only where evidence is missing).</summary>
    public string Verdict => VerdictValue.ToString();

    /// <summary>The codes of <see cref="Reasons"/>, comma-separated.</summary>
    public string ReasonCodes => string.Join(", ", Reasons.Select(f => f.Code));

    /// <summary>The codes of <see cref="Warnings"/>, comma-separated.</summary>
    public string WarningCodes => string.Join(", ", Warnings.Select(f => f.Code));

    /// <summary>The verdict, its reason codes and what matters most, in one line of at most 2,048 characters: what Intune shows of a detection script.</summary>
    public string Summary { get; internal set; } = string.Empty;

    /// <summary>True when the signaling WebSocket opened and held, false when it did not, empty when no signaling server was given.</summary>
    public bool? SignalingConnected { get; internal set; }

    /// <summary>The HTTP proxy the signaling WebSocket went through (<c>http://host:port</c>); empty when direct.</summary>
    public string SignalingProxy { get; internal set; } = string.Empty;

    /// <summary>This machine's public address as the STUN servers saw it (empty when none answered).</summary>
    public string PublicAddress { get; internal set; } = string.Empty;

    /// <summary>The NAT's mapping behaviour (NoNat, EndpointIndependent, AddressDependent, AddressAndPortDependent, Inconclusive); empty when untested.</summary>
    public string NatMapping { get; internal set; } = string.Empty;

    /// <summary>True when UDP STUN got an answer, false when no UDP server answered, empty when none was tested.</summary>
    public bool? UdpOpen { get; internal set; }

    /// <summary>The transport of the best relay (Udp, Tcp, Tls: UDP first, as media would pick); empty when no TURN transport relayed.</summary>
    public string RelayTransport { get; internal set; } = string.Empty;

    /// <summary>The best relay's server and port.</summary>
    public string RelayServer { get; internal set; } = string.Empty;

    /// <summary>True when a SIP proxy answered, false when none did, empty when SIP was not part of the check.</summary>
    public bool? SipReachable { get; internal set; }

    /// <summary>How many of the catalog's required rules that can be tested are not allowed; empty when no rule was tested.</summary>
    public int? FirewallRulesBlocked { get; internal set; }

    /// <summary>The media path's quality by the SDK's thresholds: Good, Fair, Poor (Unknown when nothing came back); empty when it was not measured.</summary>
    public string MediaQuality { get; internal set; } = string.Empty;

    /// <summary>The media path's estimated MOS (the SDK's formula, 1 to 5).</summary>
    public double? EstimatedMos { get; internal set; }

    /// <summary>The round trip a call through the best relay would see, in milliseconds.</summary>
    public double? RoundTripTimeMs { get; internal set; }

    /// <summary>The media path's RFC 3550 jitter, in milliseconds.</summary>
    public double? JitterMs { get; internal set; }

    /// <summary>The media path's packet loss, in percent.</summary>
    public double? LossPercent { get; internal set; }

    /// <summary>How long the check took, in seconds.</summary>
    public double DurationSeconds { get; internal set; }

    /// <summary>The findings that set the verdict: one per root cause, in the SDK's codes and TelnyxNet's, each with what to do.</summary>
    public IReadOnlyList<Finding> Reasons { get; internal set; } = Array.Empty<Finding>();

    /// <summary>The findings that do not change the verdict, consequences of a reason among them.</summary>
    public IReadOnlyList<Finding> Warnings { get; internal set; } = Array.Empty<Finding>();

    /// <summary>Test-TelnyxSignaling's results: the WebSocket to the signaling server, held.</summary>
    public IReadOnlyList<SignalingResult> Signaling { get; internal set; } = Array.Empty<SignalingResult>();

    /// <summary>Test-TelnyxStun's results for the STUN servers.</summary>
    public IReadOnlyList<StunBindingResult> Stun { get; internal set; } = Array.Empty<StunBindingResult>();

    /// <summary>Test-TelnyxTurn's results, every TURN server and transport.</summary>
    public IReadOnlyList<TurnAllocationResult> Turn { get; internal set; } = Array.Empty<TurnAllocationResult>();

    /// <summary>Get-TelnyxIceCandidate's gathering: candidates, server reports and findings.</summary>
    public IceGatheringSummary? Ice { get; internal set; }

    /// <summary>Get-TelnyxNatBehavior's result.</summary>
    public NatBehaviorResult? Nat { get; internal set; }

    /// <summary>Test-TelnyxSip's results (empty when SIP was not part of the check).</summary>
    public IReadOnlyList<SipOptionsResult> Sip { get; internal set; } = Array.Empty<SipOptionsResult>();

    /// <summary>Test-TelnyxFirewall's results: every rule of the catalog with the probe that proves it.</summary>
    public IReadOnlyList<FirewallRuleResult> Firewall { get; internal set; } = Array.Empty<FirewallRuleResult>();

    /// <summary>Measure-TelnyxMediaPath's result through the best relay; empty when it was not measured (the reasons or warnings say why).</summary>
    public MediaPathQuality? Media { get; internal set; }

    /// <summary>The signaling part again, straight to the server, when the configured path went through a proxy: to tell whether only the proxy gets through.</summary>
    internal IReadOnlyList<SignalingResult> SignalingDirect { get; set; } = Array.Empty<SignalingResult>();

    /// <summary>The verdict as the engine's enum.</summary>
    internal ReadinessVerdict VerdictValue { get; set; } = ReadinessVerdict.Inconclusive;

    /// <inheritdoc />
    public override string ToString() => Summary;
}
