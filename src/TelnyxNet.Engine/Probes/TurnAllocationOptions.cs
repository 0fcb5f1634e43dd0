using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one TURN test needs; built by the cmdlet or the CLI, read by <see cref="TurnAllocationProbe"/>.</summary>
public sealed class TurnAllocationOptions : ProbeOptions
{
    /// <summary>
    /// Options with the default timeout of 10 s for the whole test (resolution, allocation, relay
    /// check); the allocation's deletion gets <see cref="CleanupTimeout"/> on top.
    /// </summary>
    public TurnAllocationOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>The servers and transports; at least one. Front ends that test Telnyx pass <see cref="TelnyxEndpoints.DefaultTurnServers"/>.</summary>
    public IReadOnlyList<TurnServerAddress> Servers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The credential; front ends pass <see cref="TurnCredential.TelnyxDefault"/> when the user gives none.</summary>
    public TurnCredential Credential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>How long deleting the allocation (Refresh with LIFETIME 0) may take after the test, also after a timeout or cancellation. Default 2 s.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Allocate only; do not prove the relay forwards data.</summary>
    public bool SkipRelayCheck { get; init; }

    /// <summary>Opens the relay check's peer socket: unconnected UDP of the given family, since it hears from both the server and the relayed address.</summary>
    public Func<AddressFamily, IDatagramSocket> OpenPeerSocket { get; init; } = UnconnectedUdpSocket.Open;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (CleanupTimeout <= TimeSpan.Zero || CleanupTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CleanupTimeout), CleanupTimeout, "The cleanup timeout must be above zero and at most 1 minute.");
        }

        if (Credential is null || OpenPeerSocket is null)
        {
            throw new ArgumentException("Credential and OpenPeerSocket must not be null.");
        }

        if (Servers is null || Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }
    }
}
