using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// The datagrams of a <see cref="StunUdpClient"/>'s socket that are not STUN, as a socket of their
/// own: another protocol (SIP) shares the socket, and so the NAT mapping, that STUN has just
/// measured. Sends go out on the client's socket; receives take what its
/// <see cref="StunUdpClient.NonStunHandler"/> hands over, and its socket errors (ICMP refused or
/// unreachable) as the same exceptions a socket of its own would throw. Bounded: a flood beyond
/// <see cref="InboxCapacity"/> waiting datagrams is dropped as it arrives. Disposing leaves the
/// client and its socket to their owner.
/// </summary>
public sealed class NonStunDatagrams : IDatagramSocket
{
    /// <summary>Datagrams that may wait to be read.</summary>
    public const int InboxCapacity = 64;

    /// <summary>The longest single wait of a receive; it waits again until cancelled.</summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMinutes(1);

    private readonly StunUdpClient _client;
    private readonly AsyncInbox<Arrival> _inbox;

    /// <summary>Takes over <paramref name="client"/>'s non-STUN datagrams and socket errors.</summary>
    public NonStunDatagrams(StunUdpClient client, IClock clock)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _inbox = new AsyncInbox<Arrival>(clock ?? throw new ArgumentNullException(nameof(clock)), InboxCapacity);
        client.NonStunHandler = (buffer, count, source) =>
        {
            var copy = new byte[count];
            Buffer.BlockCopy(buffer, 0, copy, 0, count);
            _inbox.Post(new Arrival(new ReceivedDatagram(copy, count, source), null));
            return true;
        };
        client.SocketErrorHandler = error => _inbox.Post(new Arrival(default, error));
    }

    /// <inheritdoc />
    public EndPoint? LocalEndPoint => _client.LocalEndPoint;

    /// <inheritdoc />
    public Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken) => _client.SendAsync(datagram, remote, cancellationToken);

    /// <inheritdoc />
    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var arrival = await _inbox.TakeAsync(WaitSlice, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (arrival?.Error is SocketException error)
            {
                throw error;
            }

            if (arrival != null)
            {
                return arrival.Datagram;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.NonStunHandler = null;
        _client.SocketErrorHandler = null;
        _inbox.Dispose();
    }

    private sealed class Arrival
    {
        public Arrival(ReceivedDatagram datagram, SocketException? error)
        {
            Datagram = datagram;
            Error = error;
        }

        public ReceivedDatagram Datagram { get; }

        public SocketException? Error { get; }
    }
}
