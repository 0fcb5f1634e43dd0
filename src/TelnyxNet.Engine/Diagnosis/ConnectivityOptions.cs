using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Everything Test-TelnyxConnectivity needs: what to test (<see cref="Targets"/>), the credential,
/// the one budget every part runs under (<see cref="ProbeOptions.Timeout"/>, default 30 s like the
/// SDK's whole pre-call run), and the seams each part's probe uses. Built by the cmdlet or the CLI,
/// read by <see cref="ConnectivityCheck"/>.
/// </summary>
public sealed class ConnectivityOptions : ProbeOptions
{
    /// <summary>The shortest budget: one second for the parts, none for the media path.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Options with the default budget of 30 s, the SDK's whole pre-call run.</summary>
    public ConnectivityOptions()
        : base(TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>What to test. Default: the engine's catalog (<see cref="EndpointCatalog.Embedded"/>, production), SIP included.</summary>
    public ConnectivityTargets Targets { get; init; } = ConnectivityTargets.FromCatalog(EndpointCatalog.Select(EndpointCatalog.Embedded, TelnyxEnvironment.Production));

    /// <summary>The TURN credential (TURN, ICE, the media path); the SDK's public default unless the user gives one.</summary>
    public TurnCredential Credential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>How long the media stream lasts (default 5 s, the SDK's pre-call test; 0.2 s to 2 minutes).</summary>
    public TimeSpan MediaDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long deleting each TURN allocation may take after its part (default 2 s).</summary>
    public TimeSpan CleanupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where ICE gathering's interface list comes from: the system's by default.</summary>
    public INetworkInterfaceProvider Interfaces { get; init; } = SystemNetworkInterfaces.Instance;

    /// <summary>Opens the TURN relay check's peer socket (unconnected UDP of the family).</summary>
    public Func<AddressFamily, IDatagramSocket> OpenPeerSocket { get; init; } = UnconnectedUdpSocket.Open;

    /// <summary>How long the signaling WebSocket is held open after the upgrade, with a Ping at each end (default 5 s; 0 to 1 minute): less when the budget has no room for it.</summary>
    public TimeSpan SignalingHold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An HTTP proxy for the WebSocket (signaling and the firewall's WSS rules), whatever the system says; null to ask <see cref="ProxySource"/>.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Connect the WebSocket directly, whatever the system or the environment says.</summary>
    public bool NoProxy { get; init; }

    /// <summary>The proxy's credential.</summary>
    public ProxyCredential? ProxyCredential { get; init; }

    /// <summary>Where the proxy comes from when neither <see cref="Proxy"/> nor <see cref="NoProxy"/> decides: the environment, then the system settings.</summary>
    public IProxySource ProxySource { get; init; } = SystemProxySource.Instance;

    /// <summary>Accept any certificate on WSS and TLS, TURN and SIP over TLS included (the WebSocket's chain is still reported).</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Which chains the WebSocket trusts and which roots are public (TLS inspection): the machine's own by default.</summary>
    public CertificateTrust Trust { get; init; } = CertificateTrust.System;

    /// <summary>The DNS resolvers the SIP part asks (NAPTR, SRV); null: this machine's.</summary>
    public IReadOnlyList<IPEndPoint>? DnsServers { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Timeout < MinTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The check's budget is at least 1 second.");
        }

        if (Targets is null || Credential is null || Interfaces is null || OpenPeerSocket is null || ProxySource is null || Trust is null)
        {
            throw new ArgumentException("Targets, Credential, Interfaces, OpenPeerSocket, ProxySource and Trust must not be null.");
        }

        if (Proxy != null && NoProxy)
        {
            throw new ArgumentException("A proxy and NoProxy exclude each other.", nameof(NoProxy));
        }

        if (SignalingHold < TimeSpan.Zero || SignalingHold > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(SignalingHold), SignalingHold, "The signaling hold is 0 to 1 minute.");
        }

        Targets.Validate();
        if (MediaDuration < TimeSpan.FromMilliseconds(200) || MediaDuration > TimeSpan.FromMinutes(2))
        {
            throw new ArgumentOutOfRangeException(nameof(MediaDuration), MediaDuration, "The media stream lasts 0.2 s to 2 minutes.");
        }

        if (CleanupTimeout <= TimeSpan.Zero || CleanupTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CleanupTimeout), CleanupTimeout, "The cleanup timeout must be above zero and at most 1 minute.");
        }
    }
}
