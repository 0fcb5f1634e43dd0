using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>What every network probe's options share: the address family, the bound on the whole test, and the seams tests use (resolver, clock, sockets).</summary>
public abstract class ProbeOptions
{
    /// <summary>Sets the default of <see cref="Timeout"/>.</summary>
    protected ProbeOptions(TimeSpan defaultTimeout) => Timeout = defaultTimeout;

    /// <summary>
    /// Takes the settings every probe shares from <paramref name="shared"/>: the address family, the
    /// bound, the throttle, the retransmission schedule, the resolver, the clock, the certificate check
    /// and the socket seams. The one way a probe that runs another (a firewall rule's proof, one server
    /// of a list) hands its settings on; the caller's initializer sets what differs.
    /// </summary>
    protected ProbeOptions(ProbeOptions shared)
    {
        if (shared is null)
        {
            throw new ArgumentNullException(nameof(shared));
        }

        AddressFamily = shared.AddressFamily;
        Timeout = shared.Timeout;
        ThrottleLimit = shared.ThrottleLimit;
        Retransmission = shared.Retransmission;
        Resolver = shared.Resolver;
        Clock = shared.Clock;
        CertificateValidation = shared.CertificateValidation;
        OpenStreamSocket = shared.OpenStreamSocket;
        OpenDatagramSocket = shared.OpenDatagramSocket;
        OpenBoundDatagramSocket = shared.OpenBoundDatagramSocket;
    }

    /// <summary>Which resolved addresses to test.</summary>
    public AddressFamilyPreference AddressFamily { get; init; } = AddressFamilyPreference.Any;

    /// <summary>The default of <see cref="ThrottleLimit"/>.</summary>
    public const int DefaultThrottleLimit = 32;

    /// <summary>The most of <see cref="ThrottleLimit"/>.</summary>
    public const int MaxThrottleLimit = 1024;

    /// <summary>The bound on each server's test, resolution included, from when it starts.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>
    /// How many servers are tested at once (1 to 1024, default 32); the others wait for a turn.
    /// Bounds the sockets a long server list holds open, so 200 servers cost a few rounds of
    /// <see cref="Timeout"/> at worst, never a socket per server at once.
    /// </summary>
    public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

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

    /// <summary>Opens an unconnected UDP socket bound to a local address (port 0: ephemeral), for probes that talk to several servers from one local port (ICE, NAT behaviour).</summary>
    public Func<IPEndPoint, IDatagramSocket> OpenBoundDatagramSocket { get; init; } = UnconnectedUdpSocket.Open;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is missing or out of range.</summary>
    public virtual void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be above zero and at most 10 minutes.");
        }

        if (ThrottleLimit < 1 || ThrottleLimit > MaxThrottleLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(ThrottleLimit), ThrottleLimit, "The throttle limit must be 1 to " + MaxThrottleLimit + ".");
        }

        if (Resolver is null || Clock is null || Retransmission is null || OpenDatagramSocket is null || OpenStreamSocket is null || OpenBoundDatagramSocket is null)
        {
            throw new ArgumentException("Resolver, Clock, Retransmission, OpenDatagramSocket, OpenBoundDatagramSocket and OpenStreamSocket must not be null.");
        }
    }
}
