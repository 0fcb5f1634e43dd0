namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Which way a firewall rule must let traffic start.</summary>
public enum EndpointDirection
{
    /// <summary>Started by this machine; answers come back on the same flow.</summary>
    Outbound,

    /// <summary>Both ways: started by this machine and by the other end (RTP media).</summary>
    Bidirectional,
}
