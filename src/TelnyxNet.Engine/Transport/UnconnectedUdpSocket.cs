using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// A UDP socket that sends to and hears from anyone: on an ephemeral port of the wildcard address
/// for the TURN relay check's peer (it talks to the server and then hears from the relayed
/// address), or bound to one interface address for ICE gathering and NAT behaviour tests. It can be
/// connected later (<see cref="Connect"/>) and keeps its port: SIP's ALG check asks a STUN server
/// first, then talks to the proxy from the same mapping.
/// </summary>
public sealed class UnconnectedUdpSocket : IConnectableDatagramSocket
{
    private const int MaxDatagram = 65535;

    /// <summary>SIO_UDP_CONNRESET: Windows otherwise fails the next receive of an unconnected socket with WSAECONNRESET after any ICMP port unreachable.</summary>
    private const int WindowsUdpConnectionReset = -1744830452;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly EndPoint _any;
    private IPEndPoint? _connected;
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
    /// Opens a socket bound to <paramref name="local"/> (an interface address, port 0 for an
    /// ephemeral one): an ICE candidate's base, or the one local port of a NAT behaviour test.
    /// Throws <see cref="SocketException"/>.
    /// </summary>
    public static UnconnectedUdpSocket Open(IPEndPoint local) =>
        Bind(new Socket((local ?? throw new ArgumentNullException(nameof(local))).AddressFamily, SocketType.Dgram, ProtocolType.Udp), local);

    /// <summary>
    /// Binds a new, unbound UDP <paramref name="socket"/> (e.g. one opened in another network
    /// namespace) to an ephemeral port of its family's wildcard address and takes ownership of it.
    /// </summary>
    public static UnconnectedUdpSocket Bind(Socket socket) =>
        Bind(socket ?? throw new ArgumentNullException(nameof(socket)), new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));

    /// <summary>Binds a new, unbound UDP <paramref name="socket"/> to <paramref name="local"/> and takes ownership of it (also when binding fails).</summary>
    public static UnconnectedUdpSocket Bind(Socket socket, IPEndPoint local)
    {
        if (socket is null || local is null)
        {
            socket?.Dispose();
            throw new ArgumentNullException(socket is null ? nameof(socket) : nameof(local));
        }

        var any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                socket.IOControl(WindowsUdpConnectionReset, new byte[] { 0, 0, 0, 0 }, null);
            }

            socket.Bind(local);
            return new UnconnectedUdpSocket(socket, any);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects the socket to <paramref name="remote"/> on its port (RFC 1122 §4.1.3.3: every ICMP
    /// error then reaches it, as on a <see cref="ConnectedUdpSocket"/>; on Windows port unreachable is
    /// reported again). Throws <see cref="SocketException"/>.
    /// </summary>
    public void Connect(IPEndPoint remote)
    {
        if (remote is null)
        {
            throw new ArgumentNullException(nameof(remote));
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            _socket.IOControl(WindowsUdpConnectionReset, new byte[] { 1, 0, 0, 0 }, null);
        }

        ConnectedUdpSocket.ReportAllIcmpErrors(_socket);
        _socket.Connect(remote);
        Volatile.Write(ref _connected, remote);
    }

    /// <inheritdoc />
    public async Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _connected) is IPEndPoint connected)
        {
            // BSD sockets refuse sendto with an address on a connected UDP socket (EISCONN).
            if (!connected.Equals(remote))
            {
                throw new InvalidOperationException("This socket is connected to " + connected + ", not " + remote + ".");
            }

            await _socket.SendAsync(new ArraySegment<byte>(datagram), SocketFlags.None).ConfigureAwait(false);
            return;
        }

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
