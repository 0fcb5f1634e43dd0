using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// A UDP socket on an ephemeral port of the wildcard address that sends to and hears from anyone,
/// for the TURN relay check's peer: it talks to the server and then hears from the relayed address.
/// </summary>
public sealed class UnconnectedUdpSocket : IDatagramSocket
{
    private const int MaxDatagram = 65535;

    /// <summary>SIO_UDP_CONNRESET: Windows otherwise fails the next receive of an unconnected socket with WSAECONNRESET after any ICMP port unreachable.</summary>
    private const int WindowsUdpConnectionReset = -1744830452;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly EndPoint _any;
    private int _disposed;

    private UnconnectedUdpSocket(Socket socket, EndPoint any)
    {
        _socket = socket;
        _any = any;
    }

    /// <inheritdoc />
    public EndPoint? LocalEndPoint => Volatile.Read(ref _disposed) == 0 ? _socket.LocalEndPoint : null;

    /// <summary>Opens a socket of <paramref name="family"/> on an ephemeral port; throws <see cref="SocketException"/>.</summary>
    public static UnconnectedUdpSocket Open(AddressFamily family) => Bind(new Socket(family, SocketType.Dgram, ProtocolType.Udp));

    /// <summary>
    /// Binds a new, unbound UDP <paramref name="socket"/> (e.g. one opened in another network
    /// namespace) to an ephemeral port of its family's wildcard address and takes ownership of it.
    /// </summary>
    public static UnconnectedUdpSocket Bind(Socket socket)
    {
        if (socket is null)
        {
            throw new ArgumentNullException(nameof(socket));
        }

        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                socket.IOControl(WindowsUdpConnectionReset, new byte[] { 0, 0, 0, 0 }, null);
            }

            socket.Bind(any);
            return new UnconnectedUdpSocket(socket, any);
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
        await _socket.SendToAsync(new ArraySegment<byte>(datagram), SocketFlags.None, remote).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(Dispose))
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(new ArraySegment<byte>(_buffer), SocketFlags.None, _any).ConfigureAwait(false);
                return new ReceivedDatagram(_buffer, received.ReceivedBytes, Normalize(received.RemoteEndPoint));
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

    private static EndPoint Normalize(EndPoint endPoint) =>
        endPoint is IPEndPoint ip && ip.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port) : endPoint;
}
