using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>What every probe that goes through a TURN relay shares: the servers and transports, the credential, the clean-up bound and the relay peer's socket.</summary>
public abstract class RelayProbeOptions : ProbeOptions
{
    /// <summary>Sets the default of <see cref="ProbeOptions.Timeout"/>.</summary>
    protected RelayProbeOptions(TimeSpan defaultTimeout)
        : base(defaultTimeout)
    {
    }

    /// <summary>Takes the shared settings of <paramref name="shared"/> (see <see cref="ProbeOptions(ProbeOptions)"/>).</summary>
    protected RelayProbeOptions(ProbeOptions shared)
        : base(shared)
    {
    }

    /// <summary>The servers and transports; at least one. Front ends that test Telnyx pass <see cref="TelnyxEndpoints.DefaultTurnServers"/>.</summary>
    public IReadOnlyList<TurnServerAddress> Servers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The credential; front ends pass <see cref="TurnCredential.TelnyxDefault"/> when the user gives none.</summary>
    public TurnCredential Credential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>How long deleting an allocation (Refresh with LIFETIME 0) may take after the test, also after a timeout or cancellation. Default 2 s.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Opens the relay peer's socket: unconnected UDP of the given family, since it hears from both the server and the relayed address.</summary>
    public Func<AddressFamily, IDatagramSocket> OpenPeerSocket { get; init; } = UnconnectedUdpSocket.Open;

    /// <summary>The credential for <paramref name="server"/>: its own (from its iceServers entry), else the test's.</summary>
    internal TurnCredential CredentialOf(TurnServerAddress server) => server.Credential ?? Credential;

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
