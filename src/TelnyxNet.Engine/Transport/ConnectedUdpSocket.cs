using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// A UDP socket connected to one server. Connecting lets the operating system report ICMP port
/// unreachable as a socket error on the next receive (ECONNREFUSED on Linux and macOS,
/// WSAECONNRESET on Windows), which is how "refused" is told apart from "timeout".
/// </summary>
public sealed class ConnectedUdpSocket : IDatagramSocket
{
    private const int MaxDatagram = 65535;
    private readonly Socket _socket;
    private readonly IPEndPoint _remote;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private int _disposed;

    private ConnectedUdpSocket(Socket socket, IPEndPoint remote)
    {
        _socket = socket;
        _remote = remote;
    }

    /// <inheritdoc />
    public EndPoint? LocalEndPoint => Volatile.Read(ref _disposed) == 0 ? _socket.LocalEndPoint : null;

    /// <summary>Opens a socket on an ephemeral port and connects it to <paramref name="remote"/>; throws <see cref="SocketException"/> (e.g. network unreachable).</summary>
    public static ConnectedUdpSocket Connect(IPEndPoint remote)
    {
        if (remote is null)
        {
            throw new ArgumentNullException(nameof(remote));
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(remote);
            return new ConnectedUdpSocket(socket, remote);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_remote.Equals(remote))
        {
            throw new InvalidOperationException("This socket is connected to " + _remote + ", not " + remote + ".");
        }

        await _socket.SendAsync(new ArraySegment<byte>(datagram), SocketFlags.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(Dispose))
        {
            try
            {
                var count = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer), SocketFlags.None).ConfigureAwait(false);
                return new ReceivedDatagram(_buffer, count, _remote);
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && (ex is ObjectDisposedException || ex is SocketException))
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }
    }
}
