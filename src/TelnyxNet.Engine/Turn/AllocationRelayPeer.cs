using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// A second allocation on the same server as the relay check's peer, for when UDP from this
/// machine cannot reach the server: relay to relay, the data never leaves the server's side, so
/// the check works wherever the control connection does (e.g. only TCP 443 open).
/// </summary>
internal sealed class AllocationRelayPeer : IRelayPeer
{
    private readonly TurnClient _client;
    private readonly TimeSpan _cleanupTimeout;

    public AllocationRelayPeer(TurnClient client, TimeSpan cleanupTimeout)
    {
        _client = client;
        _cleanupTimeout = cleanupTimeout;
    }

    public string Description => "a second allocation (" + _client.Allocation?.Relayed + ")";

    /// <summary>The second allocation's relayed address.</summary>
    public IPEndPoint Relayed => _client.Allocation?.Relayed ?? throw new InvalidOperationException("The peer has no allocation.");

    public Task SendAsync(byte[] data, IPEndPoint relayed, CancellationToken cancellationToken) => _client.SendAsync(relayed, data, cancellationToken);

    public async Task<RelayedData?> ReceiveFromAsync(IPEndPoint relayed, TimeSpan until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await _client.ReceiveAsync(until - ClockNow(), cancellationToken).ConfigureAwait(false);
            if (received is null || received.Peer.Equals(relayed))
            {
                return received;
            }
        }
    }

    /// <summary>Deletes the second allocation (bounded, never throws) and closes its connection.</summary>
    public async Task CloseAsync()
    {
        await _client.DeleteAsync(_cleanupTimeout).ConfigureAwait(false);
        await _client.CloseAsync().ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    private TimeSpan ClockNow() => _client.Clock.Elapsed;
}
