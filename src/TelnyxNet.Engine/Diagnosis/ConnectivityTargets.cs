using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// What Test-TelnyxConnectivity tests, read from the endpoint catalog (<see cref="FromCatalog"/>):
/// the signaling WebSocket, the STUN and TURN servers (ICE gathering, NAT behaviour and the media
/// path use the same), the SIP servers (none: SIP is not tested) and every firewall rule of the catalog.
/// </summary>
public sealed class ConnectivityTargets
{
    /// <summary>The WebSocket URIs of WebRTC signaling.</summary>
    public IReadOnlyList<SignalingTarget> Signaling { get; init; } = Array.Empty<SignalingTarget>();

    /// <summary>The STUN servers, UDP.</summary>
    public IReadOnlyList<StunServerAddress> StunServers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>The TURN servers and transports.</summary>
    public IReadOnlyList<TurnServerAddress> TurnServers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The SIP servers; empty when SIP is not part of the check.</summary>
    public IReadOnlyList<SipServerAddress> SipServers { get; init; } = Array.Empty<SipServerAddress>();

    /// <summary>The SIP transports the catalog's SIP rows name (null: every transport a server offers).</summary>
    public IReadOnlyCollection<TransportProtocol>? SipTransports { get; init; }

    /// <summary>The firewall rules to test, every one with the probe that proves it.</summary>
    public IReadOnlyList<TelnyxEndpoint> FirewallRules { get; init; } = Array.Empty<TelnyxEndpoint>();

    /// <summary>
    /// The targets of <paramref name="rows"/> (one environment of a catalog): the required signaling
    /// rows, or with <paramref name="region"/> that region's row (<c>{region}.rtc.telnyx.com</c>);
    /// every STUN and TURN row; the SIP rows of the region's names (the US names without a region;
    /// every SIP row when the catalog has none of them) when <paramref name="includeSip"/>, which by
    /// default is on when the catalog has SIP rows; and every row as a firewall rule.
    /// </summary>
    public static ConnectivityTargets FromCatalog(IReadOnlyList<TelnyxEndpoint> rows, string? region = null, bool? includeSip = null)
    {
        if (rows is null)
        {
            throw new ArgumentNullException(nameof(rows));
        }

        var sipRegion = ConnectivityRegions.SipRegionOf(region);
        var signaling = rows.Where(r => r.ServiceKind == EndpointService.Signaling && r.Port is int).ToList();
        var regional = region is null ? null : signaling.FirstOrDefault(r => r.Host.StartsWith(region + ".", StringComparison.OrdinalIgnoreCase));
        var sipRows = rows.Where(r => r.ServiceKind == EndpointService.Sip && r.ProtocolKind != EndpointProtocol.Wss && r.Port is int).ToList();
        var regionNames = TelnyxSipEndpoints.HostsOf(sipRegion ?? SipRegion.Us);
        var sipChosen = sipRows.Any(r => regionNames.Contains(r.Host, StringComparer.OrdinalIgnoreCase)) ? sipRows.Where(r => regionNames.Contains(r.Host, StringComparer.OrdinalIgnoreCase)).ToList() : sipRows;
        var withSip = includeSip ?? sipRows.Count > 0;
        return new ConnectivityTargets
        {
            Signaling = region is null
                ? signaling.Where(r => r.Required).Select(r => SignalingTarget.Create(r.Host, r.Port!.Value)).ToList()
                : new[] { regional is null ? SignalingTarget.Telnyx(region) : SignalingTarget.Create(regional.Host, regional.Port!.Value) },
            StunServers = rows.Where(r => r.ServiceKind == EndpointService.Stun && r.Port is int).Select(r => StunServerAddress.Create(r.Host, r.Port!.Value, TransportProtocol.Udp)).ToList(),
            TurnServers = rows.Where(r => r.ServiceKind == EndpointService.Turn && r.Port is int && r.ProtocolKind != EndpointProtocol.Wss)
                .Select(r => TurnServerAddress.Create(r.Host, r.Port!.Value, TransportOf(r.ProtocolKind))).ToList(),
            SipServers = withSip ? sipChosen.Select(r => r.Host).Distinct(StringComparer.OrdinalIgnoreCase).Select(SipServerAddress.Create).ToList() : Array.Empty<SipServerAddress>(),
            SipTransports = withSip && sipChosen.Count > 0 ? sipChosen.Select(r => TransportOf(r.ProtocolKind)).Distinct().ToList() : null,
            FirewallRules = rows,
        };
    }

    /// <summary>True when <paramref name="rule"/> is also tested by the part that owns its destination (signaling, STUN, TURN or SIP), whose finding then speaks for it.</summary>
    internal bool Covers(TelnyxEndpoint rule) => rule.ServiceKind switch
    {
        EndpointService.Signaling => rule.ProtocolKind == EndpointProtocol.Wss && Signaling.Any(t => Same(t.Host, rule.Host) && t.Port == rule.Port),
        EndpointService.Stun => rule.ProtocolKind == EndpointProtocol.Udp && StunServers.Any(s => Same(s.Host, rule.Host) && s.Port == rule.Port),
        EndpointService.Turn => TurnServers.Any(s => Same(s.Host, rule.Host) && s.Port == rule.Port && rule.ProtocolKind != EndpointProtocol.Wss && s.Transport == TransportOf(rule.ProtocolKind)),
        EndpointService.Sip => rule.ProtocolKind != EndpointProtocol.Wss && SipServers.Any(s => Same(s.Host, rule.Host)),
        _ => false,
    };

    /// <summary>Throws <see cref="ArgumentException"/> when a list is missing, or a STUN server is not UDP.</summary>
    internal void Validate()
    {
        if (Signaling is null || StunServers is null || TurnServers is null || SipServers is null || FirewallRules is null)
        {
            throw new ArgumentException("Signaling, StunServers, TurnServers, SipServers and FirewallRules must not be null.");
        }

        if (StunServers.Any(s => s.Transport != TransportProtocol.Udp))
        {
            throw new ArgumentException("The check gathers and measures over UDP STUN; every STUN server must be UDP.", nameof(StunServers));
        }
    }

    private static TransportProtocol TransportOf(EndpointProtocol protocol) =>
        protocol == EndpointProtocol.Tls ? TransportProtocol.Tls : protocol == EndpointProtocol.Tcp ? TransportProtocol.Tcp : TransportProtocol.Udp;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
