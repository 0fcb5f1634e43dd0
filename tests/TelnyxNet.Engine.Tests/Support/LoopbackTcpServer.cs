using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 that plays a server speaking the wrong protocol: for each connection
/// it reads what the client sends first, writes <c>answer</c>, and keeps the connection open until
/// the client closes it (so the client sees the bytes, not a reset). Disposing stops it.
/// </summary>
internal sealed class LoopbackTcpServer : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private readonly Socket _listener;
    private readonly byte[] _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _loop;
    private int _accepted;

    /// <summary>Listens on an ephemeral port on 127.0.0.1.</summary>
    public LoopbackTcpServer(byte[] answer)
    {
        _answer = answer;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary><c>127.0.0.1:port</c>, as a STUN server value.</summary>
    public string Server => "127.0.0.1:" + EndPoint.Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

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
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, token));
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken token)
    {
        using (client)
        {
            try
            {
                var buffer = new byte[4096];
                if (await client.ReceiveAsync(buffer, SocketFlags.None, token) == 0)
                {
                    return;
                }

                await client.SendAsync(_answer, SocketFlags.None, token);
                var read = 1;
                while (read > 0)
                {
                    read = await client.ReceiveAsync(buffer, SocketFlags.None, token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
