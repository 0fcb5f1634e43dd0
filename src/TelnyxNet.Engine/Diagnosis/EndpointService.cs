namespace TelnyxNet.Engine.Diagnosis;

/// <summary>What a catalog destination is for.</summary>
public enum EndpointService
{
    /// <summary>WebRTC signaling: the SDK's WebSocket (WSS).</summary>
    Signaling,

    /// <summary>STUN: public address discovery for ICE.</summary>
    Stun,

    /// <summary>TURN: the media relay.</summary>
    Turn,

    /// <summary>SIP signaling (SIP trunking and SIP clients).</summary>
    Sip,

    /// <summary>Media (RTP) ports.</summary>
    Media,
}
