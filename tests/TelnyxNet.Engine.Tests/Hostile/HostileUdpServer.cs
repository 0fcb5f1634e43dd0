using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// A scripted UDP server on 127.0.0.1 for any datagram protocol (STUN, TURN, SIP, DNS): every
/// datagram it receives is counted and handed to its <see cref="UdpBehaviour"/>, which answers (or
/// not) through a <see cref="UdpExchange"/>, from the server's own port or, to play a spoofed
/// source, from a second socket on another port. Behaviours run one at a time, in arrival order.
/// Disposing stops it and every behaviour still running (endless ones included).
/// </summary>
internal sealed class HostileUdpServer : IHostileServer
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly Socket _other;
    private readonly UdpBehaviour _behaviour;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<string> _distinct = new();
    private int _received;

    /// <summary>Listens on a free port of 127.0.0.1.</summary>
    public HostileUdpServer(UdpBehaviour behaviour)
    {
        _behaviour = behaviour;
        _socket = Bind();
        _other = Bind();
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Server => "127.0.0.1:" + EndPoint.Port;

    /// <inheritdoc />
    public int Open => 0;

    /// <summary>Datagrams received so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Datagrams received so far that differ from every earlier one: requests, without their retransmissions.</summary>
    public int Distinct
    {
        get
        {
            lock (_distinct)
            {
                return _distinct.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _other.Dispose();
        _loop.Wait(StopLimit);
        _stop.Dispose();
    }

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
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
            catch (SocketException) when (!token.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _received) - 1;
            lock (_distinct)
            {
                _distinct.Add(Convert.ToBase64String(buffer, 0, received.ReceivedBytes));
            }

            var exchange = new UdpExchange(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), index, (IPEndPoint)received.RemoteEndPoint, _socket, _other, token);
            try
            {
                await _behaviour(exchange);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}

/// <summary>What a <see cref="HostileUdpServer"/> does with one datagram.</summary>
internal delegate Task UdpBehaviour(UdpExchange exchange);

/// <summary>One datagram a <see cref="HostileUdpServer"/> received, and the ways to answer it.</summary>
internal sealed class UdpExchange
{
    private readonly Socket _socket;
    private readonly Socket _other;

    public UdpExchange(byte[] request, int index, IPEndPoint client, Socket socket, Socket other, CancellationToken stopping)
    {
        Request = request;
        Index = index;
        Client = client;
        _socket = socket;
        _other = other;
        Stopping = stopping;
    }

    /// <summary>The datagram's bytes.</summary>
    public byte[] Request { get; }

    /// <summary>How many datagrams came before this one.</summary>
    public int Index { get; }

    /// <summary>Who sent it.</summary>
    public IPEndPoint Client { get; }

    /// <summary>Cancelled when the server stops: endless behaviours end with it.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Sends <paramref name="datagram"/> to the client from the server's port.</summary>
    public async Task ReplyAsync(byte[] datagram) => await _socket.SendToAsync(datagram, SocketFlags.None, Client, Stopping);

    /// <summary>Sends <paramref name="datagram"/> to the client from another port of this host: a spoofed source.</summary>
    public async Task ReplyFromElsewhereAsync(byte[] datagram) => await _other.SendToAsync(datagram, SocketFlags.None, Client, Stopping);
}
