using System.Net.Security;
using System.Net.Sockets;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>Options for the TURN probe against the test servers, as the cmdlet would build them.</summary>
internal static class TurnProbeOptions
{
    /// <summary>A credential of a test user.</summary>
    public static TurnCredential Credential(TurnUser user) => TurnCredential.FromPassword(user.Name, Secrets.Secure(user.Password));

    /// <summary>One server URI, a credential, a 10 s bound.</summary>
    public static TurnAllocationOptions For(string server, TurnCredential credential, RemoteCertificateValidationCallback? validation = null, Func<AddressFamily, IDatagramSocket>? peerSocket = null) => new()
    {
        Servers = new[] { TurnRun.Server(server) },
        Credential = credential,
        Timeout = TimeSpan.FromSeconds(10),
        CertificateValidation = validation,
        OpenPeerSocket = peerSocket ?? UnconnectedUdpSocket.Open,
    };

    /// <summary>A relay-check peer that UDP never leaves: as if a firewall dropped all UDP from this machine.</summary>
    public static IDatagramSocket BlockedPeer(AddressFamily family) => new FilteringDatagramSocket(UnconnectedUdpSocket.Open(family), _ => false);
}
