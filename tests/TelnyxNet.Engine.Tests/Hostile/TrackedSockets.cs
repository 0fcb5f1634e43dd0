using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// The probes' socket seams with a ledger: every socket a probe opens through them is recorded,
/// so a test can prove that none is left open when the probe has returned, and how many were open
/// at once. Exact for this probe run, whatever other tests do in the same process.
/// </summary>
internal sealed class TrackedSockets
{
    private readonly ConcurrentQueue<Socket> _streams = new();
    private readonly ConcurrentQueue<Tracked> _datagrams = new();
    private int _live;
    private int _peak;

    /// <summary>For <c>ProbeOptions.OpenStreamSocket</c>.</summary>
    public Socket OpenStream(AddressFamily family)
    {
        var socket = StunStreamClient.NewStreamSocket(family);
        _streams.Enqueue(socket);
        return socket;
    }

    /// <summary>For <c>ProbeOptions.OpenDatagramSocket</c>.</summary>
    public IDatagramSocket OpenDatagram(IPEndPoint remote) => Track(ConnectedUdpSocket.Connect(remote));

    /// <summary>For <c>ProbeOptions.OpenBoundDatagramSocket</c> (ICE, NAT behaviour).</summary>
    public IDatagramSocket OpenBound(IPEndPoint local) => Track(UnconnectedUdpSocket.Open(local));

    /// <summary>For <c>TurnAllocationOptions.OpenPeerSocket</c>.</summary>
    public IDatagramSocket OpenPeer(AddressFamily family) => Track(UnconnectedUdpSocket.Open(family));

    /// <summary>For <c>TurnAllocationOptions.OpenPeerSocket</c>, around a peer socket a test makes itself (a hostile peer).</summary>
    public Func<AddressFamily, IDatagramSocket> Peer(Func<AddressFamily, IDatagramSocket> open) => family => Track(open(family));

    /// <summary>Sockets opened in all.</summary>
    public int Count => _streams.Count + _datagrams.Count;

    /// <summary>Sockets not closed yet.</summary>
    public int LeftOpen => _streams.Count(s => !s.SafeHandle.IsClosed) + _datagrams.Count(d => !d.Disposed);

    /// <summary>The most datagram sockets open at once (stream sockets are counted when opened, not when closed, so they are left out).</summary>
    public int PeakDatagramSockets => Volatile.Read(ref _peak);

    private IDatagramSocket Track(IDatagramSocket socket)
    {
        var tracked = new Tracked(socket, this);
        _datagrams.Enqueue(tracked);
        var live = Interlocked.Increment(ref _live);
        int peak;
        while (live > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, live, peak) != peak)
        {
        }

        return tracked;
    }

    private sealed class Tracked : IDatagramSocket
    {
        private readonly IDatagramSocket _inner;
        private readonly TrackedSockets _owner;
        private int _disposed;

        public Tracked(IDatagramSocket inner, TrackedSockets owner)
        {
            _inner = inner;
            _owner = owner;
        }

        public bool Disposed => Volatile.Read(ref _disposed) != 0;

        public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

        public Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken) => _inner.SendAsync(datagram, remote, cancellationToken);

        public Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken) => _inner.ReceiveAsync(cancellationToken);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref _owner._live);
                _inner.Dispose();
            }
        }
    }
}
