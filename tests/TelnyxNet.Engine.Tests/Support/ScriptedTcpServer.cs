using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 that plays a hostile HTTP proxy or WebSocket server: each connection
/// runs the script the test gives (read the request, answer with any bytes, trickle, stay silent,
/// close, reset). Every connection and the listener end when it is disposed, bounded.
/// </summary>
internal sealed class ScriptedTcpServer : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private readonly Socket _listener;
    private readonly Func<ScriptedConnection, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _loop;
    private int _accepted;

    public ScriptedTcpServer(Func<ScriptedConnection, CancellationToken, Task> script)
    {
        _script = script;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>A ws:// URI of this server.</summary>
    public string Uri(string path = "/") => "ws://127.0.0.1:" + EndPoint.Port + path;

    public int Accepted => Volatile.Read(ref _accepted);

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
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, token));
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken token)
    {
        using var connection = new ScriptedConnection(client);
        try
        {
            await _script(connection, token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // The client went away, or the server stops.
        }
    }
}

/// <summary>One connection of a <see cref="ScriptedTcpServer"/>: what the script can do with it.</summary>
internal sealed class ScriptedConnection : IDisposable
{
    private readonly Socket _socket;

    public ScriptedConnection(Socket socket) => _socket = socket;

    /// <summary>Reads up to the end of a request head; its text (empty when the client closed).</summary>
    public async Task<string> ReadHeadAsync(CancellationToken token)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _socket.ReceiveAsync(one, SocketFlags.None, token) == 0)
            {
                return string.Empty;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    /// <summary>The Sec-WebSocket-Key of a request head.</summary>
    public static string KeyOf(string head) =>
        head.Split("\r\n").Where(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase)).Select(l => l.Substring(18).Trim()).Single();

    /// <summary>Reads the upgrade request and answers 101 with the right Sec-WebSocket-Accept.</summary>
    public async Task AcceptWebSocketAsync(CancellationToken token, string extra = "")
    {
        var head = await ReadHeadAsync(token);
        await SendAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Engine.Signaling.WebSocketHandshake.AcceptFor(KeyOf(head)) + "\r\n" + extra + "\r\n", token);
    }

    public Task SendAsync(string text, CancellationToken token) => SendAsync(Encoding.Latin1.GetBytes(text), token);

    public async Task SendAsync(byte[] bytes, CancellationToken token) => await _socket.SendAsync(bytes, SocketFlags.None, token);

    /// <summary>Reads what the client sent so far (at least a byte; 0 when it closed).</summary>
    public async Task<int> ReceiveAsync(byte[] buffer, CancellationToken token) => await _socket.ReceiveAsync(buffer, SocketFlags.None, token);

    /// <summary>Reads and drops whatever the client sends until it closes.</summary>
    public async Task DrainAsync(CancellationToken token)
    {
        var buffer = new byte[4096];
        while (await _socket.ReceiveAsync(buffer, SocketFlags.None, token) > 0)
        {
        }
    }

    /// <summary>Waits until the client closes or the server stops, sending nothing.</summary>
    public Task SilenceAsync(CancellationToken token) => DrainAsync(token);

    /// <summary>Copies bytes both ways between the client and <paramref name="upstream"/> until either side ends.</summary>
    public async Task PipeAsync(Stream upstream, CancellationToken token)
    {
        using var client = new NetworkStream(_socket, ownsSocket: false);
        await Task.WhenAny(client.CopyToAsync(upstream, token), upstream.CopyToAsync(client, token));
    }

    /// <summary>Ends the connection with a TCP reset (linger 0).</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();
}
