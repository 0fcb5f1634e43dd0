namespace TelnyxNet.Engine.Diagnosis;

/// <summary>The protocol a firewall rule must let through.</summary>
public enum EndpointProtocol
{
    /// <summary>UDP.</summary>
    Udp,

    /// <summary>TCP.</summary>
    Tcp,

    /// <summary>TLS over TCP.</summary>
    Tls,

    /// <summary>WebSocket over TLS over TCP (RFC 6455).</summary>
    Wss,
}
