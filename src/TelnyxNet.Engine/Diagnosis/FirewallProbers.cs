namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Which probe proves which catalog rule: one line per service and its protocols. A rule no line
/// covers is NotTestable, and <see cref="Untested"/> says what would prove it. A new probe is one
/// more line here.
/// </summary>
internal static class FirewallProbers
{
    public static readonly IReadOnlyList<RuleProber> Table = new[]
    {
        new RuleProber(EndpointService.Signaling, new[] { EndpointProtocol.Wss }, "WebSocket upgrade (WSS)", RuleProbes.WebSocketAsync),
        new RuleProber(EndpointService.Sip, new[] { EndpointProtocol.Wss }, "SIP over WebSocket upgrade (WSS, subprotocol sip)", RuleProbes.SipWebSocketAsync),
        new RuleProber(EndpointService.Sip, new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls }, "SIP OPTIONS", RuleProbes.SipAsync),
        new RuleProber(EndpointService.Stun, new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls }, "STUN Binding", RuleProbes.StunAsync),
        new RuleProber(EndpointService.Turn, new[] { EndpointProtocol.Udp, EndpointProtocol.Tcp, EndpointProtocol.Tls }, "TURN Allocate", RuleProbes.TurnAsync),
    };

    /// <summary>For the services no prober covers: the probe that would prove the rule, and why it is not run.</summary>
    public static readonly IReadOnlyDictionary<EndpointService, (string Probe, Func<TelnyxEndpoint, string> Why)> Untested = new Dictionary<EndpointService, (string, Func<TelnyxEndpoint, string>)>
    {
        [EndpointService.Media] = ("none from this machine", rule =>
            "Not testable from this machine: only media that Telnyx's servers send to " + rule.ProtocolWords + " " + rule.PortText + " proves this rule, which takes a call. When the range is closed, media still flows through a TURN relay: a working TURN rule over UDP (Test-TelnyxTurn proves the relay end to end) covers it."),
    };

    /// <summary>The prober for <paramref name="rule"/>, or null.</summary>
    public static RuleProber? For(TelnyxEndpoint rule) => Table.FirstOrDefault(p => p.Proves(rule));
}
