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

    /// <summary>Options that take the shared settings of <paramref name="shared"/> (see <see cref="ProbeOptions(ProbeOptions)"/>) and this probe's defaults for the rest.</summary>
    internal SipOptionsOptions(ProbeOptions shared)
        : base(shared)
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

    /// <summary>
    /// A STUN server (UDP) that each UDP request's socket asks first what it looks like from outside,
    /// so that the proxy's received/rport can be held against that mapping (SIP ALG evidence);
    /// null: no such check. Front ends pass the catalog's STUN server (<see cref="Diagnosis.TelnyxEndpoints.DefaultStunServers"/>).
    /// </summary>
    public Stun.StunServerAddress? StunServer { get; init; }

    /// <summary>The STUN server front ends pass by default: the catalog's, stun.telnyx.com:3478 over UDP.</summary>
    public static Stun.StunServerAddress DefaultStunServer => Diagnosis.TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp)[0];

    /// <summary>Parses a -StunServer / --stun-server value (host, host:port, [IPv6]:port or a <c>stun:</c> URI; UDP only). Returns false with a message naming the value.</summary>
    public static bool TryParseStunServer(string? text, out Stun.StunServerAddress? server, out string? error)
    {
        var parsed = Stun.StunServerAddress.TryParse(text, TransportProtocol.Udp, explicitTransport: true, out server, out var problem);
        error = problem is null ? null : problem.Message + " (the SIP ALG check asks it over UDP from the request's own socket).";
        return parsed;
    }

    /// <summary>The most the STUN question of one UDP socket may take before its OPTIONS goes out anyway. Default 1.5 s (RFC 8489 §6.2.1: three transmissions).</summary>
    public TimeSpan StunTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

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

        if (StunTimeout <= TimeSpan.Zero || StunTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(StunTimeout), StunTimeout, "The STUN timeout must be above zero and at most 1 minute.");
        }

        if (StunServer != null && StunServer.Transport != TransportProtocol.Udp)
        {
            throw new ArgumentException("The STUN server of the ALG check must be a UDP one: it is asked from the SIP request's own UDP socket.", nameof(StunServer));
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException("The User-Agent must not be empty.", nameof(UserAgent));
        }
    }

    /// <summary>A copy for one server and transport (a firewall rule's proof), with every other setting kept.</summary>
    internal SipOptionsOptions For(SipServerAddress server, TransportProtocol transport) => new(this)
    {
        Servers = new[] { server },
        Transports = new[] { transport },
        DnsServers = DnsServers,
        DnsResolverTimeout = DnsResolverTimeout,
        SrvRandom = SrvRandom,
        UserAgent = UserAgent,
        StunServer = StunServer,
        StunTimeout = StunTimeout,
    };
}
