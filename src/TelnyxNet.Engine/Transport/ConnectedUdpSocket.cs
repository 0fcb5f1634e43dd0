using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// A UDP socket connected to one server. Connecting lets the operating system report ICMP port
/// unreachable as a socket error on the next receive (ECONNREFUSED on Linux and macOS,
/// WSAECONNRESET on Windows), which is how "refused" is told apart from "timeout". On Linux the
/// socket also asks for ICMP network and host unreachable (see <see cref="ReportAllIcmpErrors"/>).
/// </summary>
public sealed class ConnectedUdpSocket : IDatagramSocket
{
    private const int MaxDatagram = 65535;
    private const int LinuxSolIp = 0;
    private const int LinuxIpRecvErr = 11;
    private const int LinuxSolIpv6 = 41;
    private const int LinuxIpv6RecvErr = 25;
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
            ReportAllIcmpErrors(socket);
            socket.Connect(remote);
            return new ConnectedUdpSocket(socket, remote);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// RFC 1122 §4.1.3.3: UDP must pass every ICMP error to the application. Linux passes port
    /// unreachable to a connected socket but drops network and host unreachable (its "soft"
    /// errors, e.g. a router with no route) unless IP_RECVERR / IPV6_RECVERR is set, and then a
    /// destination nobody can reach looks like a silent firewall (timeout). Other systems are left
    /// as they are. Best effort: if the option cannot be set, only the classification suffers.
    /// </summary>
    internal static void ReportAllIcmpErrors(Socket socket)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return;
        }

        var (level, name) = socket.AddressFamily == AddressFamily.InterNetworkV6 ? (LinuxSolIpv6, LinuxIpv6RecvErr) : (LinuxSolIp, LinuxIpRecvErr);
        var on = 1;
        try
        {
            _ = GlibcSetSocketOption(socket.Handle, level, name, ref on, sizeof(int));
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            try
            {
                _ = LibcSetSocketOption(socket.Handle, level, name, ref on, sizeof(int));
            }
            catch (Exception inner) when (inner is DllNotFoundException || inner is EntryPointNotFoundException)
            {
                // No C library to call: network and host unreachable then read as a timeout, as before.
            }
        }
    }

    /// <summary>glibc by its soname: "libc" alone would first find libc.so, a linker script that only the dev package installs.</summary>
    [DllImport("libc.so.6", EntryPoint = "setsockopt")]
    private static extern int GlibcSetSocketOption(IntPtr socket, int level, int name, ref int value, int length);

    /// <summary>Other C libraries (musl on Alpine) by the generic name.</summary>
    [DllImport("libc", EntryPoint = "setsockopt")]
    private static extern int LibcSetSocketOption(IntPtr socket, int level, int name, ref int value, int length);

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
