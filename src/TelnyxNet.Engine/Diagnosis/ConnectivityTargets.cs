using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What Test-TelnyxConnectivity tests: the STUN and TURN servers (ICE gathering, NAT behaviour
/// and the media path use the same ones) and the SIP servers (none: SIP is not tested).
/// </summary>
public sealed class ConnectivityTargets
{
    /// <summary>The STUN servers, UDP.</summary>
    public IReadOnlyList<StunServerAddress> StunServers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>The TURN servers and transports.</summary>
    public IReadOnlyList<TurnServerAddress> TurnServers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The SIP servers; empty when SIP is not part of the check.</summary>
    public IReadOnlyList<SipServerAddress> SipServers { get; init; } = Array.Empty<SipServerAddress>();

    /// <summary>
    /// The Telnyx WebRTC SDK's STUN and TURN servers (stun.telnyx.com, stun.l.google.com;
    /// turn.telnyx.com over UDP, TCP, TCP 443 and TLS 443), and the SIP servers of
    /// <paramref name="sipRegion"/> when <paramref name="includeSip"/>.
    /// </summary>
    public static ConnectivityTargets Telnyx(bool includeSip, SipRegion? sipRegion = null) => new()
    {
        StunServers = TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp),
        TurnServers = TelnyxEndpoints.DefaultTurnServers(),
        SipServers = includeSip ? TelnyxSipEndpoints.Servers(sipRegion is null ? null : new[] { sipRegion.Value }) : Array.Empty<SipServerAddress>(),
    };

    /// <summary>Throws <see cref="ArgumentException"/> when a list is missing, or a STUN server is not UDP.</summary>
    internal void Validate()
    {
        if (StunServers is null || TurnServers is null || SipServers is null)
        {
            throw new ArgumentException("StunServers, TurnServers and SipServers must not be null.");
        }

        if (StunServers.Any(s => s.Transport != TransportProtocol.Udp))
        {
            throw new ArgumentException("The check gathers and measures over UDP STUN; every STUN server must be UDP.", nameof(StunServers));
        }
    }
}
