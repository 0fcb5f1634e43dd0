using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one ICE gathering needs; built by the cmdlet or the CLI, read by <see cref="IceGatheringProbe"/>.</summary>
public sealed class IceGatheringOptions : ProbeOptions
{
    /// <summary>Options with the default timeout of 5 s, the SDK's ICE gathering timeout.</summary>
    public IceGatheringOptions()
        : base(TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>STUN servers (UDP), for server-reflexive candidates. Front ends that use the SDK's defaults parse <see cref="TelnyxEndpoints.DefaultIceServers"/>.</summary>
    public IReadOnlyList<StunServerAddress> StunServers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>TURN servers and transports, for relay candidates.</summary>
    public IReadOnlyList<TurnServerAddress> TurnServers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The TURN credential of servers without their own (<see cref="TurnServerAddress.Credential"/>, from an iceServers entry); <see cref="TurnCredential.TelnyxDefault"/> unless the user gives one.</summary>
    public TurnCredential Credential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>How long deleting each allocation may take after its relay candidate is gathered. Default 2 s.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where the interface list comes from: the system's by default.</summary>
    public INetworkInterfaceProvider Interfaces { get; init; } = SystemNetworkInterfaces.Instance;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (StunServers is null || TurnServers is null || Credential is null || Interfaces is null)
        {
            throw new ArgumentException("StunServers, TurnServers, Credential and Interfaces must not be null.");
        }

        if (StunServers.Any(s => s.Transport != TransportProtocol.Udp))
        {
            throw new ArgumentException("ICE gathers server-reflexive candidates over UDP only; every STUN server must be UDP.", nameof(StunServers));
        }

        if (CleanupTimeout <= TimeSpan.Zero || CleanupTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CleanupTimeout), CleanupTimeout, "The cleanup timeout must be above zero and at most 1 minute.");
        }
    }
}
