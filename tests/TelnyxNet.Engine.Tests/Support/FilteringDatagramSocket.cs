using System.Net;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A real datagram socket behind a firewall the test describes: datagrams whose destination (on
/// send) or source (on receive) the filter rejects are silently dropped, as a firewall drops them.
/// </summary>
internal sealed class FilteringDatagramSocket : IDatagramSocket
{
    private readonly IDatagramSocket _inner;
    private readonly Func<EndPoint, bool> _allowed;
    private int _dropped;

    public FilteringDatagramSocket(IDatagramSocket inner, Func<EndPoint, bool> allowed)
    {
        _inner = inner;
        _allowed = allowed;
    }

    /// <summary>Datagrams dropped so far, both ways.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

    public Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        if (_allowed(remote))
        {
            return _inner.SendAsync(datagram, remote, cancellationToken);
        }

        Interlocked.Increment(ref _dropped);
        return Task.CompletedTask;
    }

    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var datagram = await _inner.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (_allowed(datagram.Source))
            {
                return datagram;
            }

            Interlocked.Increment(ref _dropped);
        }
    }

    public void Dispose() => _inner.Dispose();
}
