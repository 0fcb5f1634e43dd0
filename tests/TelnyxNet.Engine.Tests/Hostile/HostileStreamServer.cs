using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>How the client ended a connection, as a <see cref="HostileStreamServer"/> saw it.</summary>
internal enum ClientEnd
{
    /// <summary>An orderly close: the server read the end of the stream (FIN, after close_notify over TLS).</summary>
    Closed,

    /// <summary>The client reset the connection (RST): what fills a monitored server's log with errors.</summary>
    Reset,

    /// <summary>The behaviour ended the connection itself (a reset, or never closing), so the client's end was not observed.</summary>
    NotObserved,
}

/// <summary>
/// A scripted TCP server on 127.0.0.1, optionally TLS (with the certificate given), for any
/// stream protocol (STUN, TURN, HTTP proxies, WebSocket, SIP, DNS over TCP): each accepted
/// connection is handed to its <see cref="StreamBehaviour"/> through a <see cref="StreamExchange"/>.
/// When the behaviour returns, the server keeps the connection open and reads until the client
/// ends it, recording how (<see cref="Ends"/>). It counts connections still open, so a test can
/// prove the client left nothing behind, and the requests its behaviours read. Disposing stops it
/// and ends every connection.
/// </summary>
internal sealed class HostileStreamServer : IHostileServer
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private readonly Socket _listener;
    private readonly StreamBehaviour _behaviour;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ClientEnd> _ends = new();
    private readonly List<Task> _connections = new();
    private readonly Task _loop;
    private int _accepted;
    private int _open;
    private int _requests;

    /// <summary>Listens on <paramref name="port"/> of 127.0.0.1 (0: a free one; a given port that is taken throws <see cref="SocketException"/>).</summary>
    public HostileStreamServer(StreamBehaviour behaviour, X509Certificate2? tlsCertificate = null, int port = 0)
    {
        _behaviour = behaviour;
        _certificate = tlsCertificate;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException)
        {
            _listener.Dispose();
            throw;
        }

        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Server => "127.0.0.1:" + EndPoint.Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections not yet ended by either side.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Requests the behaviours read (each <see cref="StreamExchange"/> read of a request), over every connection.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How each connection the client ended was ended, in the order they ended.</summary>
    public IReadOnlyList<ClientEnd> Ends => _ends.ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _loop.Wait(StopLimit);
        Task[] connections;
        lock (_connections)
        {
            connections = _connections.ToArray();
        }

        Task.WaitAll(connections, StopLimit);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            lock (_connections)
            {
                _connections.Add(Task.Run(() => ServeAsync(client, token)));
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken token)
    {
        Stream stream = new NetworkStream(client, ownsSocket: false);
        var exchange = new StreamExchange(client, token, () => Interlocked.Increment(ref _requests));
        try
        {
            if (_certificate != null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, token);
            }

            exchange.Stream = stream;
            await _behaviour(exchange);
            _ends.Enqueue(exchange.TookOver ? ClientEnd.NotObserved : await ObserveEndAsync(stream, token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            _ends.Enqueue(IsReset(ex) ? ClientEnd.Reset : ClientEnd.NotObserved);
        }
        finally
        {
            stream.Dispose();
            client.Dispose();
            Interlocked.Decrement(ref _open);
        }
    }

    /// <summary>Reads and drops what the client still sends until it ends the connection.</summary>
    private static async Task<ClientEnd> ObserveEndAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }

            return ClientEnd.Closed;
        }
        catch (Exception ex) when (IsReset(ex))
        {
            return ClientEnd.Reset;
        }
    }

    private static bool IsReset(Exception ex) =>
        (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted;
}

/// <summary>What a <see cref="HostileStreamServer"/> does with one connection.</summary>
internal delegate Task StreamBehaviour(StreamExchange exchange);

/// <summary>One accepted connection of a <see cref="HostileStreamServer"/>, and what a behaviour can do with it.</summary>
internal sealed class StreamExchange
{
    private readonly Socket _socket;
    private readonly Action _requestRead;

    public StreamExchange(Socket socket, CancellationToken stopping, Action requestRead)
    {
        _socket = socket;
        Stopping = stopping;
        _requestRead = requestRead;
    }

    /// <summary>The connection (decrypted, for TLS).</summary>
    public Stream Stream { get; set; } = Stream.Null;

    /// <summary>Cancelled when the server stops: endless behaviours end with it.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>True once the behaviour reset, closed or held the connection to the end itself.</summary>
    public bool TookOver { get; private set; }

    /// <summary>Frames an endless behaviour has written so far.</summary>
    public long Written { get; set; }

    /// <summary>Reads what the client sent first (up to 64 KiB), or null when it closed first.</summary>
    public async Task<byte[]?> ReadAsync()
    {
        var buffer = new byte[65536];
        var read = await Stream.ReadAsync(buffer, Stopping);
        return read == 0 ? null : Counted(buffer.AsSpan(0, read).ToArray());
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, or null when the client closed first (not counted as a request: part of one).</summary>
    public async Task<byte[]?> ReadExactAsync(int count)
    {
        var bytes = new byte[count];
        return await FillAsync(bytes) ? bytes : null;
    }

    /// <summary>Reads one frame of a protocol whose frames start with a 4-byte header carrying the body length at offset 2 (STUN: 20 + length bytes), or null at the end of the stream.</summary>
    public async Task<byte[]?> ReadFrameAsync(int headerLength)
    {
        var header = new byte[headerLength];
        if (!await FillAsync(header))
        {
            return null;
        }

        var frame = new byte[headerLength + ((header[2] << 8) | header[3])];
        header.CopyTo(frame, 0);
        return await FillAsync(frame.AsMemory(headerLength)) ? Counted(frame) : null;
    }

    /// <summary>
    /// Reads a request head up to and with its empty line (CRLF CRLF: HTTP's CONNECT and upgrade
    /// requests, RFC 9112 §2.1; a SIP request without a body, RFC 3261 §7.5), a byte at a time so
    /// that nothing after it is taken; null when the client closed first or sent 64 KiB without one.
    /// </summary>
    public async Task<byte[]?> ReadHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (head.Count == 65536 || await Stream.ReadAsync(one, Stopping) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        return Counted(head.ToArray());
    }

    /// <summary>Reads one message prefixed with its 16-bit length (DNS over TCP, RFC 1035 §4.2.2) and returns it without the prefix; null at the end of the stream.</summary>
    public async Task<byte[]?> ReadPrefixedAsync()
    {
        var prefix = new byte[2];
        if (!await FillAsync(prefix))
        {
            return null;
        }

        var message = new byte[(prefix[0] << 8) | prefix[1]];
        return await FillAsync(message) ? Counted(message) : null;
    }

    /// <summary>Copies bytes both ways between the client and <paramref name="upstream"/> until either side ends (a forwarding proxy's tunnel).</summary>
    public async Task PipeAsync(Stream upstream)
    {
        await Task.WhenAny(Stream.CopyToAsync(upstream, Stopping), upstream.CopyToAsync(Stream, Stopping));
    }

    /// <summary>Writes <paramref name="bytes"/> at once.</summary>
    public async Task WriteAsync(byte[] bytes)
    {
        await Stream.WriteAsync(bytes, Stopping);
        await Stream.FlushAsync(Stopping);
    }

    /// <summary>Writes <paramref name="bytes"/> one at a time, <paramref name="pause"/> apart: a trickled frame.</summary>
    public async Task TrickleAsync(byte[] bytes, TimeSpan pause)
    {
        foreach (var b in bytes)
        {
            await WriteAsync(new[] { b });
            await Task.Delay(pause, Stopping);
        }
    }

    /// <summary>Ends the connection with a reset (SO_LINGER 0, then close).</summary>
    public void Reset()
    {
        TookOver = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Closes the connection in an orderly way (FIN) from the server's side.</summary>
    public void Close()
    {
        TookOver = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the client: closing is all that is left.
        }

        _socket.Close();
    }

    /// <summary>
    /// Keeps the connection open without reading or closing, until the client has ended it (seen
    /// without reading: the socket turns readable with nothing to read) or the server stops: a
    /// server that never closes.
    /// </summary>
    public async Task HoldAsync()
    {
        TookOver = true;
        while (!(_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0))
        {
            await Task.Delay(10, Stopping);
        }
    }

    private byte[] Counted(byte[] request)
    {
        _requestRead();
        return request;
    }

    private async Task<bool> FillAsync(Memory<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var read = await Stream.ReadAsync(buffer, Stopping);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
