using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one TURN test needs; built by the cmdlet or the CLI, read by <see cref="TurnAllocationProbe"/>.</summary>
public sealed class TurnAllocationOptions
{
    /// <summary>The servers and transports; at least one. Front ends that test Telnyx pass <see cref="TelnyxEndpoints.DefaultTurnServers"/>.</summary>
    public IReadOnlyList<TurnServerAddress> Servers { get; init; } = Array.Empty<TurnServerAddress>();

    /// <summary>The credential; front ends pass <see cref="TurnCredential.TelnyxDefault"/> when the user gives none.</summary>
    public TurnCredential Credential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>Which resolved addresses to test.</summary>
    public AddressFamilyPreference AddressFamily { get; init; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole test (resolution, allocation, relay check); the allocation's deletion gets <see cref="CleanupTimeout"/> on top. Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long deleting the allocation (Refresh with LIFETIME 0) may take after the test, also after a timeout or cancellation. Default 2 s.</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Allocate only; do not prove the relay forwards data.</summary>
    public bool SkipRelayCheck { get; init; }

    /// <summary>UDP retransmission schedule.</summary>
    public RetransmissionPolicy Retransmission { get; init; } = RetransmissionPolicy.Default;

    /// <summary>The resolver.</summary>
    public IHostResolver Resolver { get; init; } = SystemHostResolver.Instance;

    /// <summary>The clock.</summary>
    public IClock Clock { get; init; } = SystemClock.Instance;

    /// <summary>Certificate check for TLS; null means the system's validation.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Makes the TCP socket for a TCP or TLS connection (unconnected; the probe connects it).</summary>
    public Func<AddressFamily, Socket> OpenStreamSocket { get; init; } = StunStreamClient.NewStreamSocket;

    /// <summary>Opens the UDP socket to one server address (the control connection over UDP).</summary>
    public Func<IPEndPoint, IDatagramSocket> OpenDatagramSocket { get; init; } = ConnectedUdpSocket.Connect;

    /// <summary>Opens the relay check's peer socket: unconnected UDP of the given family, since it hears from both the server and the relayed address.</summary>
    public Func<AddressFamily, IDatagramSocket> OpenPeerSocket { get; init; } = UnconnectedUdpSocket.Open;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is missing or out of range.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be above zero and at most 10 minutes.");
        }

        if (CleanupTimeout <= TimeSpan.Zero || CleanupTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CleanupTimeout), CleanupTimeout, "The cleanup timeout must be above zero and at most 1 minute.");
        }

        if (Servers is null || Credential is null || Resolver is null || Clock is null || Retransmission is null || OpenDatagramSocket is null || OpenStreamSocket is null || OpenPeerSocket is null)
        {
            throw new ArgumentException("Servers, Credential, Resolver, Clock, Retransmission, OpenDatagramSocket, OpenStreamSocket and OpenPeerSocket must not be null.");
        }

        if (Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }
    }
}
