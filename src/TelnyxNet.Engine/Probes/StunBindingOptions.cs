using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one STUN binding test needs; built by the cmdlet or the CLI, read by <see cref="StunBindingProbe"/>.</summary>
public sealed class StunBindingOptions
{
    /// <summary>The servers; at least one. Front ends that test the SDK's servers pass <see cref="TelnyxEndpoints.DefaultStunServers"/>.</summary>
    public IReadOnlyList<StunServerAddress> Servers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>Which resolved addresses to test.</summary>
    public AddressFamilyPreference AddressFamily { get; init; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole test, resolution included. Default 5 s, the SDK's ICE gathering timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Binding transactions per address (RTT statistics when above 1).</summary>
    public int Count { get; init; } = 1;

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

    /// <summary>Opens the UDP socket for one server address.</summary>
    public Func<IPEndPoint, IDatagramSocket> OpenDatagramSocket { get; init; } = ConnectedUdpSocket.Connect;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be above zero and at most 10 minutes.");
        }

        if (Count < 1 || Count > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be 1 to 1000.");
        }

        if (Servers is null || Resolver is null || Clock is null || Retransmission is null || OpenDatagramSocket is null || OpenStreamSocket is null)
        {
            throw new ArgumentException("Servers, Resolver, Clock, Retransmission, OpenDatagramSocket and OpenStreamSocket must not be null.");
        }

        if (Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }
    }
}
