namespace TelnyxNet.Engine.Ice;

/// <summary>The candidate types of RFC 8445 §5.1.1, named as SDP writes them (RFC 8839 §5.1 "typ").</summary>
internal enum IceCandidateType
{
    /// <summary>host: an address of this machine's interfaces.</summary>
    Host,

    /// <summary>srflx: this machine as a STUN server saw it (the NAT's public address).</summary>
    Srflx,

    /// <summary>prflx: learned during connectivity checks with a peer; never gathered.</summary>
    Prflx,

    /// <summary>relay: an address allocated on a TURN server.</summary>
    Relay,
}
