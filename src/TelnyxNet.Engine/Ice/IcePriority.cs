using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// Candidate priority, RFC 8445 §5.1.2.1: <c>priority = 2^24 · type preference + 2^8 · local
/// preference + (256 − component ID)</c>, with the type preferences the RFC recommends (host 126,
/// prflx 110, srflx 100, relay 0).
/// <para>
/// The local preference (0 to 65535) must be unique among candidates of one type and component;
/// TelnyxNet makes it from the base interface, as browsers prefer interfaces:
/// <c>65535 − 8192 · adapter rank − 2048 · family rank − 512 · relay rank − n</c>, where the
/// adapter rank is Physical 0, Unknown 1, Vpn 2, VirtualSwitch 3, ContainerBridge 4, Loopback 5;
/// the family rank IPv6 0, IPv4 1 (RFC 8421 §4 prefers IPv6 first); the relay rank, for relay
/// candidates, the transport to the TURN server: UDP 0, TCP 1, TLS 2; and n (0 to 511) the
/// candidate's place among those that share the other ranks, in the order interfaces, addresses
/// and servers are listed.
/// </para>
/// </summary>
internal static class IcePriority
{
    /// <summary>The component of every gathered candidate: 1, RTP (RFC 8445 §4.1.1.1; WebRTC muxes RTCP, RFC 8843).</summary>
    public const int Component = 1;

    /// <summary>The most candidates that can share the other ranks and keep a unique local preference.</summary>
    public const int MaxOrdinal = 511;

    /// <summary>The type preference RFC 8445 §5.1.2.2 recommends.</summary>
    public static int TypePreference(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => 126,
        IceCandidateType.Prflx => 110,
        IceCandidateType.Srflx => 100,
        _ => 0,
    };

    /// <summary>The adapter rank of the local preference.</summary>
    public static int AdapterRank(AdapterKind kind) => kind switch
    {
        AdapterKind.Physical => 0,
        AdapterKind.Unknown => 1,
        AdapterKind.Vpn => 2,
        AdapterKind.VirtualSwitch => 3,
        AdapterKind.ContainerBridge => 4,
        _ => 5,
    };

    /// <summary>The relay rank of the local preference: the transport to the TURN server (0 for other types).</summary>
    public static int RelayRank(TransportProtocol? relayProtocol) => relayProtocol switch
    {
        TransportProtocol.Tcp => 1,
        TransportProtocol.Tls => 2,
        _ => 0,
    };

    /// <summary>The local preference for the ranks and <paramref name="ordinal"/> (capped at <see cref="MaxOrdinal"/>).</summary>
    public static int LocalPreference(AdapterKind kind, bool ipv6, TransportProtocol? relayProtocol, int ordinal) =>
        65535 - (8192 * AdapterRank(kind)) - (2048 * (ipv6 ? 0 : 1)) - (512 * RelayRank(relayProtocol)) - Math.Min(Math.Max(ordinal, 0), MaxOrdinal);

    /// <summary>RFC 8445 §5.1.2.1's formula.</summary>
    public static long Compute(IceCandidateType type, int localPreference, int component = Component) =>
        ((long)TypePreference(type) << 24) + ((long)localPreference << 8) + (256 - component);
}
