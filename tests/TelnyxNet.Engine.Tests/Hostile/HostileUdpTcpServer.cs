using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// A <see cref="HostileUdpServer"/> and a <see cref="HostileStreamServer"/> on the same port of
/// 127.0.0.1, for a protocol whose client moves from UDP to TCP at the same address: DNS asks again
/// over TCP when the UDP answer is truncated (RFC 7766 §5).
/// </summary>
internal sealed class HostileUdpTcpServer : IHostileServer
{
    /// <summary>How many ports to try when the TCP port of a free UDP port is taken.</summary>
    private const int Attempts = 20;

    public HostileUdpTcpServer(UdpBehaviour udp, StreamBehaviour tcp)
    {
        for (var attempt = 1; ; attempt++)
        {
            var datagrams = new HostileUdpServer(udp);
            try
            {
                Stream = new HostileStreamServer(tcp, port: datagrams.EndPoint.Port);
                Udp = datagrams;
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < Attempts)
            {
                datagrams.Dispose();
            }
            catch
            {
                datagrams.Dispose();
                throw;
            }
        }
    }

    /// <summary>The UDP server.</summary>
    public HostileUdpServer Udp { get; }

    /// <summary>The TCP server on the same port.</summary>
    public HostileStreamServer Stream { get; }

    /// <summary>Where both listen.</summary>
    public IPEndPoint EndPoint => Udp.EndPoint;

    /// <inheritdoc />
    public string Server => Udp.Server;

    /// <inheritdoc />
    public int Open => Stream.Open;

    /// <inheritdoc />
    public void Dispose()
    {
        Stream.Dispose();
        Udp.Dispose();
    }
}
