using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>What every network probe's options share: the address family, the bound on the whole test, and the seams tests use (resolver, clock, sockets).</summary>
public abstract class ProbeOptions
{
    private AddressFamilyPreference _addressFamily = AddressFamilyPreference.Any;
    private int _throttleLimit = DefaultThrottleLimit;
    private RetransmissionPolicy _retransmission = RetransmissionPolicy.Default;
    private IHostResolver _resolver = SystemHostResolver.Instance;
    private IClock _clock = SystemClock.Instance;
    private RemoteCertificateValidationCallback? _certificateValidation;
    private Func<AddressFamily, Socket> _openStreamSocket = StunStreamClient.NewStreamSocket;
    private Func<IPEndPoint, IDatagramSocket> _openDatagramSocket = ConnectedUdpSocket.Connect;
    private Func<IPEndPoint, IDatagramSocket> _openBoundDatagramSocket = UnconnectedUdpSocket.Open;

    /// <summary>Sets the default of <see cref="Timeout"/>.</summary>
    protected ProbeOptions(TimeSpan defaultTimeout) => Timeout = defaultTimeout;

    /// <summary>
    /// Takes the settings every probe shares from <paramref name="shared"/>: the address family, the
    /// bound, the throttle, the retransmission schedule, the resolver, the clock, the certificate check
    /// and the socket seams: how a probe that runs another (a firewall rule's proof, one server
    /// of a list) hands its settings on; the caller's initializer sets what differs.
    /// </summary>
    protected ProbeOptions(ProbeOptions shared)
    {
        if (shared is null)
        {
            throw new ArgumentNullException(nameof(shared));
        }

        CopySeams(shared, shared.Resolver, shared.CertificateValidation);
        Timeout = shared.Timeout;
    }

    /// <summary>Which resolved addresses to test.</summary>
    public AddressFamilyPreference AddressFamily { get => _addressFamily; init => _addressFamily = value; }

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
    public int ThrottleLimit { get => _throttleLimit; init => _throttleLimit = value; }

    /// <summary>UDP retransmission schedule.</summary>
    public RetransmissionPolicy Retransmission { get => _retransmission; init => _retransmission = value; }

    /// <summary>The resolver.</summary>
    public IHostResolver Resolver { get => _resolver; init => _resolver = value; }

    /// <summary>The clock.</summary>
    public IClock Clock { get => _clock; init => _clock = value; }

    /// <summary>Certificate check for TLS; null means the system's validation.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get => _certificateValidation; init => _certificateValidation = value; }

    /// <summary>Makes the TCP socket for a TCP or TLS connection (unconnected; the probe connects it).</summary>
    public Func<AddressFamily, Socket> OpenStreamSocket { get => _openStreamSocket; init => _openStreamSocket = value; }

    /// <summary>Opens the UDP socket for one server address.</summary>
    public Func<IPEndPoint, IDatagramSocket> OpenDatagramSocket { get => _openDatagramSocket; init => _openDatagramSocket = value; }

    /// <summary>Opens an unconnected UDP socket bound to a local address (port 0: ephemeral), for probes that talk to several servers from one local port (ICE, NAT behaviour).</summary>
    public Func<IPEndPoint, IDatagramSocket> OpenBoundDatagramSocket { get => _openBoundDatagramSocket; init => _openBoundDatagramSocket = value; }

    /// <summary>
    /// Takes every setting and seam of <paramref name="from"/> but the timeout (address
    /// family, throttle, retransmission, clock, sockets), and the given resolver and certificate
    /// check: how a command that runs other probes (the readiness check) hands its seams on to each
    /// part whatever its options type, and what <see cref="ProbeOptions(ProbeOptions)"/> does.
    /// </summary>
    internal void CopySeams(ProbeOptions from, IHostResolver resolver, RemoteCertificateValidationCallback? certificateValidation)
    {
        _addressFamily = from._addressFamily;
        _throttleLimit = from._throttleLimit;
        _retransmission = from._retransmission;
        _resolver = resolver;
        _clock = from._clock;
        _certificateValidation = certificateValidation;
        _openStreamSocket = from._openStreamSocket;
        _openDatagramSocket = from._openDatagramSocket;
        _openBoundDatagramSocket = from._openBoundDatagramSocket;
    }

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
