namespace TelnyxNet.Engine.Transport;

/// <summary>How a STUN or TURN server is reached.</summary>
public enum TransportProtocol
{
    /// <summary>UDP, with retransmission (RFC 8489 §6.2.1).</summary>
    Udp,

    /// <summary>TCP, with stream framing and no retransmission (RFC 8489 §6.2.2).</summary>
    Tcp,

    /// <summary>TLS over TCP (RFC 8489 §6.2.3).</summary>
    Tls,
}
