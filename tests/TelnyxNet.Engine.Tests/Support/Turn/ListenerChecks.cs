using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>Readiness checks of a server's listeners, each on a fresh socket.</summary>
internal static class ListenerChecks
{
    /// <summary>A Binding answered over UDP or TCP at <paramref name="server"/>.</summary>
    public static async Task BindingAsync(ProtocolType protocol, IPEndPoint server)
    {
        using var socket = new Socket(server.AddressFamily, protocol == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream, protocol);
        await (protocol == ProtocolType.Udp ? StunChecks.UdpBindingAsync(socket, server) : StunChecks.TcpBindingAsync(socket, server)).ConfigureAwait(false);
    }

    /// <summary>A TCP connection accepted at <paramref name="server"/> within 500 ms.</summary>
    public static async Task TcpConnectAsync(IPEndPoint server)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await socket.ConnectAsync(server, wait.Token).ConfigureAwait(false);
    }
}
