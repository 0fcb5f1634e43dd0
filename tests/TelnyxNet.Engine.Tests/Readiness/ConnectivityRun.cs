using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Ice;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>The readiness check in this process against servers on loopback: ICE gathers from a fake eth0 whose sockets are bound to 127.0.0.1.</summary>
internal static class ConnectivityRun
{
    /// <summary>Options for <paramref name="targets"/>; with <paramref name="sockets"/>, every socket goes through its ledger.</summary>
    public static ConnectivityOptions Options(ConnectivityTargets targets, TimeSpan timeout, TurnCredential? credential = null, System.Net.Security.RemoteCertificateValidationCallback? certificateValidation = null, TrackedSockets? sockets = null, CertificateTrust? trust = null, Uri? proxy = null) => new()
    {
        Trust = trust ?? CertificateTrust.System,
        Proxy = proxy,
        NoProxy = proxy is null,
        CertificateValidation = certificateValidation,
        Targets = targets,
        Timeout = timeout,
        Credential = credential ?? TurnCredential.FromPassword(Support.CoturnFixture.Username, Support.Secrets.Secure(Support.CoturnFixture.Password)),
        Interfaces = new FixedInterfaces(IceHarness.Ethernet),
        OpenBoundDatagramSocket = sockets is null ? _ => UnconnectedUdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0)) : _ => sockets.OpenBound(new IPEndPoint(IPAddress.Loopback, 0)),
        OpenStreamSocket = sockets is null ? LoopbackStream : sockets.OpenStream,
        OpenDatagramSocket = sockets is null ? ConnectedUdpSocket.Connect : sockets.OpenDatagram,
        OpenPeerSocket = sockets is null ? UnconnectedUdpSocket.Open : sockets.OpenPeer,
        DnsServers = Array.Empty<IPEndPoint>(),
    };

    public static ConnectivityTargets Loopback(int udpPort, int tcpPort, int? tlsPort = null) => new()
    {
        StunServers = new[] { StunServerAddress.Create("127.0.0.1", udpPort, TransportProtocol.Udp) },
        TurnServers = new[] { TurnServerAddress.Create("127.0.0.1", udpPort, TransportProtocol.Udp), TurnServerAddress.Create("127.0.0.1", tcpPort, TransportProtocol.Tcp) }
            .Concat(tlsPort is int tls ? new[] { TurnServerAddress.Create("127.0.0.1", tls, TransportProtocol.Tls) } : Array.Empty<TurnServerAddress>())
            .ToList(),
    };

    public static async Task<TelnyxReadinessReport> RunAsync(ConnectivityOptions options, CancellationToken cancellationToken = default) =>
        await ConnectivityCheck.RunAsync(options, null, null, cancellationToken);

    /// <summary>What a failed assertion should show of a report.</summary>
    public static string Describe(TelnyxReadinessReport report) =>
        report.Summary + Environment.NewLine + string.Join(Environment.NewLine, report.Reasons.Concat(report.Warnings).Select(f => f.Code + " (" + f.Effect + "): " + f.Message));

    private static Socket LoopbackStream(AddressFamily family)
    {
        var socket = StunStreamClient.NewStreamSocket(AddressFamily.InterNetwork);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
