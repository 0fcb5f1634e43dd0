using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The one place for Telnyx's published endpoints and thresholds (shared/reference/telnyx-facts.md;
/// Telnyx WebRTC JS SDK network requirements and SIP trunking STUN/TURN pages).
/// Every command accepts overrides; these are only the defaults.
/// </summary>
public static class TelnyxEndpoints
{
    /// <summary>Telnyx STUN server.</summary>
    public const string StunHost = "stun.telnyx.com";

    /// <summary>Telnyx STUN port (UDP).</summary>
    public const int StunPort = 3478;

    /// <summary>The fallback STUN server the WebRTC SDK also configures ("optional but recommended").</summary>
    public const string StunFallbackHost = "stun.l.google.com";

    /// <summary>The fallback STUN port.</summary>
    public const int StunFallbackPort = 19302;

    /// <summary>Telnyx TURN server.</summary>
    public const string TurnHost = "turn.telnyx.com";

    /// <summary>Telnyx TURN port for UDP and TCP.</summary>
    public const int TurnPort = 3478;

    /// <summary>The TURN port for restrictive networks: TCP and TLS on 443 (the sources disagree on which, so both are tested).</summary>
    public const int TurnFallbackPort = 443;

    /// <summary>The second TURN server of the WebRTC SDK's default ICE servers (TLS on 443).</summary>
    public const string TurnSecondaryHost = "turn2.telnyx.com";

    /// <summary>
    /// The WebRTC SDK's default production ICE servers, in its order (<c>DEFAULT_PROD_ICE_SERVERS</c>):
    /// two STUN and four TURN URLs; the TURN ones use the SDK's public default credential.
    /// </summary>
    public static IReadOnlyList<string> DefaultIceServers { get; } = new[]
    {
        "stun:" + StunHost + ":" + StunPort,
        "stun:" + StunFallbackHost + ":" + StunFallbackPort,
        "turn:" + TurnHost + ":" + TurnPort + "?transport=udp",
        "turn:" + TurnHost + ":" + TurnPort + "?transport=tcp",
        "turns:" + TurnHost + ":" + TurnFallbackPort,
        "turns:" + TurnSecondaryHost + ":" + TurnFallbackPort,
    };

    /// <summary>The user name of the WebRTC SDK's published default TURN credential.</summary>
    public const string TurnDefaultUsername = "testuser";

    /// <summary>The password of the WebRTC SDK's published default TURN credential (public, not a secret).</summary>
    public const string TurnDefaultPassword = "testpassword";

    /// <summary>The name part of a TURN REST API user name (<c>"expiry:name"</c>) when the user gives none.</summary>
    public const string TurnRestName = "telnyxnet";

    /// <summary>How long a TURN REST API credential derived from a shared secret is valid, from the start of the test.</summary>
    public static TimeSpan TurnRestLifetime { get; } = TimeSpan.FromHours(1);

    /// <summary>WebRTC signalling (WSS on 443).</summary>
    public const string SignalingHost = "rtc.telnyx.com";

    /// <summary>RTT bands from the SDK's network requirements page: excellent below this many ms.</summary>
    public const int RttExcellentMs = 100;

    /// <summary>Good below this many ms.</summary>
    public const int RttGoodMs = 150;

    /// <summary>Acceptable below this many ms; poor above.</summary>
    public const int RttAcceptableMs = 300;

    /// <summary>The WebRTC SDK's network thresholds (<c>PreCallDiagnostic/modules/network.ts</c>): average RTT at or above this many ms is degraded.</summary>
    public const double RttDegradedMs = 300;

    /// <summary>Average RTT at or above this many ms is poor.</summary>
    public const double RttPoorMs = 500;

    /// <summary>Average jitter at or above this many ms is degraded.</summary>
    public const double JitterDegradedMs = 30;

    /// <summary>Average jitter at or above this many ms is poor.</summary>
    public const double JitterPoorMs = 100;

    /// <summary>Packet loss at or above this many percent is degraded.</summary>
    public const double LossDegradedPercent = 2;

    /// <summary>Packet loss at or above this many percent is poor.</summary>
    public const double LossPoorPercent = 5;

    /// <summary>The SDK's pre-call test streams this long by default.</summary>
    public static TimeSpan MediaTestDuration { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The STUN servers the WebRTC SDK uses by default, over <paramref name="transport"/>.</summary>
    public static IReadOnlyList<StunServerAddress> DefaultStunServers(TransportProtocol transport) => new[]
    {
        StunServerAddress.Create(StunHost, StunPort, transport),
        StunServerAddress.Create(StunFallbackHost, StunFallbackPort, transport),
    };

    /// <summary>
    /// turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443, keeping only the transports
    /// in <paramref name="transports"/> (null or empty: all four).
    /// </summary>
    public static IReadOnlyList<TurnServerAddress> DefaultTurnServers(IReadOnlyCollection<TransportProtocol>? transports = null) =>
        new[]
        {
            TurnServerAddress.Create(TurnHost, TurnPort, TransportProtocol.Udp),
            TurnServerAddress.Create(TurnHost, TurnPort, TransportProtocol.Tcp),
            TurnServerAddress.Create(TurnHost, TurnFallbackPort, TransportProtocol.Tcp),
            TurnServerAddress.Create(TurnHost, TurnFallbackPort, TransportProtocol.Tls),
        }
        .Where(s => transports is null || transports.Count == 0 || transports.Contains(s.Transport))
        .ToList();
}
