using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>
/// The stream's peer socket with a hostile twist the test writes: what the peer hears and what it
/// sends back, for RTP-shaped datagrams only (172 bytes starting 0x80), so that the relay check's
/// STUN and tokens pass untouched. The peer itself is the engine's; the relay is a real coturn.
/// </summary>
internal sealed class HostilePeerSocket : IDatagramSocket
{
    private readonly IDatagramSocket _inner;
    private readonly Func<byte[], IEnumerable<byte[]>> _onSend;
    private readonly Func<byte[], bool> _hears;
    private readonly Socket? _stranger;
    private int _altered;

    private HostilePeerSocket(IDatagramSocket inner, Func<byte[], IEnumerable<byte[]>> onSend, Func<byte[], bool> hears, bool stranger)
    {
        _inner = inner;
        _onSend = onSend;
        _hears = hears;
        _stranger = stranger ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : null;
    }

    /// <summary>Stream datagrams the twist changed so far, both ways.</summary>
    public int Altered => Volatile.Read(ref _altered);

    public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

    /// <summary>
    /// A peer socket factory for <see cref="Probes.RelayProbeOptions.OpenPeerSocket"/>: each echo the
    /// peer sends becomes what <paramref name="onSend"/> makes of it, sent in that order; stream
    /// datagrams for which <paramref name="hears"/> is false never reach the peer. With
    /// <paramref name="stranger"/>, whatever <paramref name="onSend"/> returns before the last
    /// datagram goes from another socket of this machine (a third party the relay's permission lets in).
    /// </summary>
    public static Func<AddressFamily, IDatagramSocket> Factory(Func<byte[], IEnumerable<byte[]>>? onSend = null, Func<byte[], bool>? hears = null, bool stranger = false, List<HostilePeerSocket>? made = null) => family =>
    {
        var socket = new HostilePeerSocket(UnconnectedUdpSocket.Open(family), onSend ?? (d => new[] { d }), hears ?? (_ => true), stranger);
        made?.Add(socket);
        return socket;
    };

    /// <summary>True for the datagrams of an RTP stream of this project (a PCMU packet).</summary>
    public static bool IsRtp(byte[] datagram) => datagram.Length == 172 && datagram[0] == 0x80;

    public async Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        if (!IsRtp(datagram))
        {
            await _inner.SendAsync(datagram, remote, cancellationToken);
            return;
        }

        Interlocked.Increment(ref _altered);
        var twisted = _onSend(datagram).ToList();
        for (var i = 0; i < twisted.Count; i++)
        {
            if (i < twisted.Count - 1 && _stranger != null)
            {
                await _stranger.SendToAsync(twisted[i], SocketFlags.None, remote, cancellationToken);
            }
            else
            {
                await _inner.SendAsync(twisted[i], remote, cancellationToken);
            }
        }
    }

    public async Task<ReceivedDatagram> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var datagram = await _inner.ReceiveAsync(cancellationToken);
            var bytes = datagram.Buffer.AsSpan(0, datagram.Count).ToArray();
            if (!IsRtp(bytes) || _hears(bytes))
            {
                return datagram;
            }

            Interlocked.Increment(ref _altered);
        }
    }

    public void Dispose()
    {
        _inner.Dispose();
        _stranger?.Dispose();
    }
}
