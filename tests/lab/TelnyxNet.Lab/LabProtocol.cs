namespace TelnyxNet.Lab;

/// <summary>The IP protocol a firewall rule of a scenario matches.</summary>
public enum LabProtocol
{
    /// <summary>UDP.</summary>
    Udp,

    /// <summary>TCP (TLS included).</summary>
    Tcp,
}
