using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Lab;

/// <summary>
/// An unconnected UDP socket for the engine's <see cref="StunUdpClient"/>: one local port that
/// can ask several servers, which is how a NAT's mapping behaviour shows (RFC 5780 §4.3).
/// Unlike <see cref="ConnectedUdpSocket"/> it hears no ICMP errors.
/// </summary>
public sealed class UnconnectedUdpSocket : IDatagramSocket
{
    private const int MaxDatagram = 65535;
    private static readonly IPEndPoint AnySource = new(IPAddress.Any, 0);
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];

    private UnconnectedUdpSocket(Socket socket) => _socket = socket;

    /// <inheritdoc />
    public EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>An IPv4 socket on an ephemeral port in <paramref name="inNamespace"/>.</summary>
    public static UnconnectedUdpSocket Open(NetworkNamespace inNamespace)
    {
        ArgumentNullException.ThrowIfNull(inNamespace);
        var socket = inNamespace.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(AnySource);
            return new UnconnectedUdpSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        var received = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, AnySource, cancellationToken).ConfigureAwait(false);
        return new ReceivedDatagram(_buffer, received.ReceivedBytes, received.RemoteEndPoint);
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
