using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>A local UDP socket as the relay check's peer; it learns its server-reflexive address with a Binding to the server (RFC 8489 §3).</summary>
internal sealed class UdpRelayPeer : IRelayPeer
{
    /// <summary>Datagrams that may wait to be read; a flood beyond this is dropped as it arrives.</summary>
    private const int InboxCapacity = 64;

    private readonly StunUdpClient _socket;
    private readonly AsyncInbox<RelayedData> _inbox;
    private readonly IClock _clock;
    private readonly IEngineLog _log;

    public UdpRelayPeer(IDatagramSocket socket, IClock clock, IEngineLog log)
    {
        _clock = clock;
        _log = log;
        _socket = new StunUdpClient(socket, clock, log);
        _inbox = new AsyncInbox<RelayedData>(clock, InboxCapacity);
        _socket.NonStunHandler = (buffer, count, source) =>
        {
            var receivedAt = _clock.Elapsed;
            if (source is not IPEndPoint from)
            {
                return false;
            }

            var copy = new byte[count];
            Buffer.BlockCopy(buffer, 0, copy, 0, count);
            _inbox.Post(new RelayedData(from, copy, viaChannel: false, receivedAt));
            return true;
        };
    }

    public string Description => "a local UDP socket (" + _socket.LocalEndPoint + ")";

    /// <summary>The peer's address as <paramref name="server"/> sees it, or null (logged) when UDP to it fails within <paramref name="wait"/>.</summary>
    public async Task<IPEndPoint?> LearnReflexiveAddressAsync(IPEndPoint server, RetransmissionPolicy policy, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await _socket.ExecuteAsync(BindingResponse.Request(), server, policy, wait, cancellationToken, BindingResponse.Check).ConfigureAwait(false);
            var mapped = BindingResponse.MappedEndPoint(outcome.Response);
            _log.Verbose("The relay check's peer " + _socket.LocalEndPoint + " is " + mapped + " as seen by " + server + ".");
            return mapped;
        }
        catch (ProbeException ex)
        {
            _log.Verbose("The relay check's peer could not learn its address from " + server + " over UDP (" + ex.Message + ").");
            return null;
        }
    }

    public Task SendAsync(byte[] data, IPEndPoint relayed, CancellationToken cancellationToken) => _socket.SendAsync(data, relayed, cancellationToken);

    public async Task<RelayedData?> ReceiveFromAsync(IPEndPoint relayed, TimeSpan until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var datagram = await _inbox.TakeAsync(until - _clock.Elapsed, cancellationToken).ConfigureAwait(false);
            if (datagram is null || datagram.Peer.Equals(relayed))
            {
                return datagram;
            }
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _inbox.Dispose();
    }
}
