using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Each part's probe options, made from the check's options: the part's targets and bound from
/// <see cref="ConnectivityBudget"/>, and every seam of the check (resolver, clock, sockets,
/// certificate check, address family, throttle) passed on unchanged, so that a test that runs the
/// check in a lab namespace or against scripted servers runs every part there.
/// </summary>
internal static class ConnectivityPlan
{
    public static StunBindingOptions Stun(ConnectivityOptions o, ConnectivityBudget budget) => new()
    {
        Servers = o.Targets.StunServers,
        Timeout = budget.Gathering,
        AddressFamily = o.AddressFamily,
        ThrottleLimit = o.ThrottleLimit,
        Retransmission = o.Retransmission,
        Resolver = o.Resolver,
        Clock = o.Clock,
        CertificateValidation = o.CertificateValidation,
        OpenStreamSocket = o.OpenStreamSocket,
        OpenDatagramSocket = o.OpenDatagramSocket,
        OpenBoundDatagramSocket = o.OpenBoundDatagramSocket,
    };

    public static TurnAllocationOptions Turn(ConnectivityOptions o, ConnectivityBudget budget) => new()
    {
        Servers = o.Targets.TurnServers,
        Credential = o.Credential,
        CleanupTimeout = o.CleanupTimeout,
        OpenPeerSocket = o.OpenPeerSocket,
        Timeout = budget.Part,
        AddressFamily = o.AddressFamily,
        ThrottleLimit = o.ThrottleLimit,
        Retransmission = o.Retransmission,
        Resolver = o.Resolver,
        Clock = o.Clock,
        CertificateValidation = o.CertificateValidation,
        OpenStreamSocket = o.OpenStreamSocket,
        OpenDatagramSocket = o.OpenDatagramSocket,
        OpenBoundDatagramSocket = o.OpenBoundDatagramSocket,
    };

    public static IceGatheringOptions Ice(ConnectivityOptions o, ConnectivityBudget budget) => new()
    {
        StunServers = o.Targets.StunServers,
        TurnServers = o.Targets.TurnServers,
        Credential = o.Credential,
        CleanupTimeout = o.CleanupTimeout,
        Interfaces = o.Interfaces,
        Timeout = budget.Gathering,
        AddressFamily = o.AddressFamily,
        ThrottleLimit = o.ThrottleLimit,
        Retransmission = o.Retransmission,
        Resolver = o.Resolver,
        Clock = o.Clock,
        CertificateValidation = o.CertificateValidation,
        OpenStreamSocket = o.OpenStreamSocket,
        OpenDatagramSocket = o.OpenDatagramSocket,
        OpenBoundDatagramSocket = o.OpenBoundDatagramSocket,
    };

    public static NatBehaviorOptions Nat(ConnectivityOptions o, ConnectivityBudget budget) => new()
    {
        Servers = o.Targets.StunServers,
        Timeout = budget.Gathering,
        FilteringTimeout = Min(budget.Gathering, new NatBehaviorOptions().FilteringTimeout),
        AddressFamily = o.AddressFamily,
        ThrottleLimit = o.ThrottleLimit,
        Retransmission = o.Retransmission,
        Resolver = o.Resolver,
        Clock = o.Clock,
        CertificateValidation = o.CertificateValidation,
        OpenStreamSocket = o.OpenStreamSocket,
        OpenDatagramSocket = o.OpenDatagramSocket,
        OpenBoundDatagramSocket = o.OpenBoundDatagramSocket,
    };

    public static SipOptionsOptions Sip(ConnectivityOptions o, ConnectivityBudget budget) => new()
    {
        Servers = o.Targets.SipServers,
        DnsServers = o.DnsServers,
        Timeout = budget.Part,
        AddressFamily = o.AddressFamily,
        ThrottleLimit = o.ThrottleLimit,
        Retransmission = o.Retransmission,
        Resolver = o.Resolver,
        Clock = o.Clock,
        CertificateValidation = o.CertificateValidation,
        OpenStreamSocket = o.OpenStreamSocket,
        OpenDatagramSocket = o.OpenDatagramSocket,
        OpenBoundDatagramSocket = o.OpenBoundDatagramSocket,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
