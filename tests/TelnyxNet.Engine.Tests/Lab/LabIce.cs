using System.Net;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Ice;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>The client namespace's own interface list, read by a thread inside it.</summary>
internal sealed class ClientNamespaceInterfaces : INetworkInterfaceProvider
{
    private readonly NetworkLab _lab;

    public ClientNamespaceInterfaces(NetworkLab lab) => _lab = lab;

    public IReadOnlyList<LocalInterface> GetInterfaces() => _lab.Client.Run(() => SystemNetworkInterfaces.Instance.GetInterfaces());
}

/// <summary>ICE gathering and NAT behaviour run in this process with every socket and the interface list in the lab's client namespace.</summary>
internal static class LabIce
{
    /// <summary>coturn's two STUN addresses (so that a NAT that maps per destination shows), its TURN over UDP 3478 and over TCP 443.</summary>
    public static readonly string[] Servers =
    {
        "stun:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort,
        "stun:" + NetworkLab.AlternateServerAddress + ":" + NetworkLab.StunPort,
        "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=udp",
        "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.WebPort + "?transport=tcp",
    };

    public static async Task<IceRunResult> GatherAsync(NetworkLab lab, TimeSpan timeout, params string[] servers)
    {
        var options = IceHarness.Options(new ClientNamespaceInterfaces(lab), servers.Length > 0 ? servers : Servers, timeout, TurnCredential.FromPassword(NetworkLab.TurnUsername, Support.Secrets.Secure(NetworkLab.TurnPassword)));
        options = new IceGatheringOptions
        {
            StunServers = options.StunServers,
            TurnServers = options.TurnServers,
            Credential = options.Credential,
            Timeout = timeout,
            Interfaces = options.Interfaces,
            OpenBoundDatagramSocket = lab.OpenClientBoundSocket,
            OpenDatagramSocket = lab.OpenClientDatagramSocket,
            OpenStreamSocket = lab.OpenClientStreamSocket,
        };
        return await IceHarness.RunAsync(options);
    }

    public static Task<NatBehaviorResult> NatAsync(NetworkLab lab, bool measureLifetime = false, TimeSpan? lifetimeLimit = null, params string[] servers)
    {
        var parsed = (servers.Length > 0 ? servers : new[] { NetworkLab.ServerAddress + ":" + NetworkLab.StunPort }).Select(s =>
        {
            Assert.True(StunServerAddress.TryParse(s, TransportProtocol.Udp, out var server, out var error), error);
            return server!;
        }).ToList();
        return NatBehaviorProbe.RunAsync(
            new NatBehaviorOptions
            {
                Servers = parsed,
                Timeout = TimeSpan.FromSeconds(5),
                FilteringTimeout = TimeSpan.FromSeconds(1),
                MeasureLifetime = measureLifetime,
                LifetimeLimit = lifetimeLimit ?? TimeSpan.FromSeconds(60),
                OpenDatagramSocket = lab.OpenClientDatagramSocket,
                OpenBoundDatagramSocket = lab.OpenClientBoundSocket,
            },
            new CollectingLog(),
            null,
            CancellationToken.None);
    }
}
