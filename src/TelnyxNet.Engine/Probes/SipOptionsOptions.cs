using System.Net;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one SIP test needs; built by the cmdlet or the CLI, read by <see cref="SipOptionsProbe"/>.</summary>
public sealed class SipOptionsOptions : ProbeOptions
{
    /// <summary>The User-Agent every request carries: TelnyxNet/&lt;version&gt;.</summary>
    public static readonly string DefaultUserAgent = "TelnyxNet/" + (typeof(SipOptionsOptions).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>Options with the default timeout of 10 s for the whole test (DNS and every OPTIONS transaction).</summary>
    public SipOptionsOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>The servers; at least one. Front ends that test Telnyx pass <see cref="Diagnosis.TelnyxSipEndpoints.Servers"/>.</summary>
    public IReadOnlyList<SipServerAddress> Servers { get; init; } = Array.Empty<SipServerAddress>();

    /// <summary>The transports to test (null or empty: every transport a server offers).</summary>
    public IReadOnlyCollection<TransportProtocol>? Transports { get; init; }

    /// <summary>
    /// The DNS resolvers to ask (port 53 unless given); null: this machine's (<see cref="Dns.SystemDnsServers"/>).
    /// The probe resolves every name with the engine's own DNS client (NAPTR and SRV need it), never
    /// with <see cref="ProbeOptions.Resolver"/>.
    /// </summary>
    public IReadOnlyList<IPEndPoint>? DnsServers { get; init; }

    /// <summary>The most one resolver gets for one question before the next is asked. Default 2 s.</summary>
    public TimeSpan DnsResolverTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The weighted SRV draws (RFC 2782); null: a new random source. Tests pass a seeded one.</summary>
    public Random? SrvRandom { get; init; }

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Servers is null || Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }

        if (DnsResolverTimeout <= TimeSpan.Zero || DnsResolverTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(DnsResolverTimeout), DnsResolverTimeout, "The DNS resolver timeout must be above zero and at most 1 minute.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException("The User-Agent must not be empty.", nameof(UserAgent));
        }
    }

    /// <summary>A copy for one server and transport (a firewall rule's proof), with every other setting kept.</summary>
    internal SipOptionsOptions For(SipServerAddress server, TransportProtocol transport) => new()
    {
        AddressFamily = AddressFamily,
        Timeout = Timeout,
        Retransmission = Retransmission,
        Resolver = Resolver,
        Clock = Clock,
        CertificateValidation = CertificateValidation,
        OpenStreamSocket = OpenStreamSocket,
        OpenDatagramSocket = OpenDatagramSocket,
        Servers = new[] { server },
        Transports = new[] { transport },
        DnsServers = DnsServers,
        DnsResolverTimeout = DnsResolverTimeout,
        SrvRandom = SrvRandom,
        UserAgent = UserAgent,
    };
}
