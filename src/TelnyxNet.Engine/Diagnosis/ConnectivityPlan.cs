using System.Net;
using System.Net.Security;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Each part's probe options, made from the check's options: the part's targets and bound from
/// <see cref="ConnectivityBudget"/>, and every seam of the check (resolver, clock, sockets,
/// certificate check, address family, throttle) passed on unchanged, so that a test that runs the
/// check in a lab namespace or against scripted servers runs every part there.
/// </summary>
internal static class ConnectivityPlan
{
    public static StunBindingOptions Stun(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new StunBindingOptions
        {
            Servers = o.Targets.StunServers,
            Timeout = budget.Gathering,
        },
        o);

    public static TurnAllocationOptions Turn(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new TurnAllocationOptions
        {
            Servers = o.Targets.TurnServers,
            Credential = o.Credential,
            CleanupTimeout = o.CleanupTimeout,
            OpenPeerSocket = o.OpenPeerSocket,
            Timeout = budget.Part,
        },
        o);

    public static IceGatheringOptions Ice(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new IceGatheringOptions
        {
            StunServers = o.Targets.StunServers,
            TurnServers = o.Targets.TurnServers,
            Credential = o.Credential,
            CleanupTimeout = o.CleanupTimeout,
            Interfaces = o.Interfaces,
            Timeout = budget.Gathering,
        },
        o);

    public static NatBehaviorOptions Nat(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new NatBehaviorOptions
        {
            Servers = o.Targets.StunServers,
            Timeout = budget.Gathering,
            FilteringTimeout = Min(budget.Gathering, new NatBehaviorOptions().FilteringTimeout),
        },
        o);

    /// <summary>The signaling part as configured, or (<paramref name="direct"/>) straight to the server with no hold, to tell whether only a proxy gets through.</summary>
    public static SignalingOptions Signaling(ConnectivityOptions o, ConnectivityBudget budget, bool direct = false) => Seamed(
        new SignalingOptions
        {
            Targets = o.Targets.Signaling,
            Proxy = direct ? null : o.Proxy,
            NoProxy = direct || o.NoProxy,
            ProxyCredential = direct ? null : o.ProxyCredential,
            ProxySource = o.ProxySource,
            Hold = direct ? TimeSpan.Zero : budget.SignalingHold(o.SignalingHold),
            PongTimeout = budget.Pong,
            CloseTimeout = ConnectivityBudget.CloseLimit,
            SkipCertificateCheck = o.SkipCertificateCheck,
            Trust = o.Trust,
            Timeout = budget.Part,
        },
        o);

    /// <summary>True when the signaling part goes through a proxy (given, or from the environment or system settings) for some target.</summary>
    public static bool SignalingUsesProxy(ConnectivityOptions o) =>
        o.Proxy != null || (!o.NoProxy && o.Targets.Signaling.Any(t => o.ProxySource.Find(t).Proxy != null));

    public static FirewallOptions Firewall(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new FirewallOptions
        {
            Rules = o.Targets.FirewallRules,
            TurnCredential = o.Credential,
            Proxy = o.Proxy,
            NoProxy = o.NoProxy,
            ProxyCredential = o.ProxyCredential,
            ProxySource = o.ProxySource,
            SkipCertificateCheck = o.SkipCertificateCheck,
            Trust = o.Trust,
            Timeout = budget.Part,
        },
        o);

    /// <summary>
    /// The media path through <paramref name="relay"/> alone (its server, port, transport and the
    /// address that relayed), set up within <paramref name="setup"/>, then the stream.
    /// </summary>
    public static MediaPathOptions Media(ConnectivityOptions o, TurnAllocationResult relay, TimeSpan setup) => Seamed(
        new MediaPathOptions
        {
            Servers = new[] { TurnServerAddress.Create(relay.Server, relay.Port, (TransportProtocol)Enum.Parse(typeof(TransportProtocol), relay.Transport)) },
            Credential = o.Credential,
            CleanupTimeout = o.CleanupTimeout,
            OpenPeerSocket = o.OpenPeerSocket,
            Duration = o.MediaDuration,
            Timeout = setup,
        },
        o,
        IPAddress.TryParse(relay.RemoteAddress, out var address) ? new PinnedResolver(relay.Server, address, o.Resolver) : o.Resolver);

    public static SipOptionsOptions Sip(ConnectivityOptions o, ConnectivityBudget budget) => Seamed(
        new SipOptionsOptions
        {
            Servers = o.Targets.SipServers,
            Transports = o.Targets.SipTransports,
            DnsServers = o.DnsServers,
            Timeout = budget.Part,
        },
        o);

    /// <summary>Every seam of the check handed on to a part's options: its resolver (or <paramref name="resolver"/>), clock, sockets, certificate check, address family, throttle and retransmission.</summary>
    private static T Seamed<T>(T options, ConnectivityOptions o, IHostResolver? resolver = null)
        where T : ProbeOptions
    {
        options.CopySeams(o, resolver ?? o.Resolver, Validation(o));
        return options;
    }

    /// <summary>The TLS certificate check of TURN and SIP over TLS: the given one, or with <see cref="ConnectivityOptions.SkipCertificateCheck"/> none at all, as for WSS.</summary>
    private static RemoteCertificateValidationCallback? Validation(ConnectivityOptions o) =>
        o.CertificateValidation ?? (o.SkipCertificateCheck ? (_, _, _, _) => true : null);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
