using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A UDP server on 127.0.0.1 that plays a misbehaving STUN server: it counts every datagram and
/// answers with whatever <c>answer</c> returns for it (nothing when null). Disposing stops it.
/// </summary>
internal sealed class LoopbackUdpServer : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly Func<byte[], byte[]?> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    /// <summary>Binds an ephemeral port on 127.0.0.1 and starts serving.</summary>
    public LoopbackUdpServer(Func<byte[], byte[]?> answer)
    {
        _answer = answer;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary><c>127.0.0.1:port</c>, as a STUN server value.</summary>
    public string Server => "127.0.0.1:" + EndPoint.Port;

    /// <summary>Datagrams received so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>A server that reads and never answers.</summary>
    public static LoopbackUdpServer Silent() => new(_ => null);

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _loop.Wait(StopLimit);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[65535];
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!token.IsCancellationRequested)
            {
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _received);
            var answer = _answer(buffer.AsSpan(0, received.ReceivedBytes).ToArray());
            if (answer is not null)
            {
                try
                {
                    await _socket.SendToAsync(answer, SocketFlags.None, received.RemoteEndPoint, token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }
            }
        }
    }
}
