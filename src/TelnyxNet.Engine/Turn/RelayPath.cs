using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// A relay the check has just proved both ways, still open: the client with its allocation, the
/// peer, the peer's address as the relay sees it and the channel bound to it (RFC 8656 §12).
/// What a media stream through the relay needs.
/// </summary>
internal sealed class RelayPath
{
    public RelayPath(TurnClient client, IRelayPeer peer, IPEndPoint peerAddress, ushort channel, bool viaSecondAllocation)
    {
        Client = client;
        Peer = peer;
        PeerAddress = peerAddress;
        Channel = channel;
        ViaSecondAllocation = viaSecondAllocation;
    }

    /// <summary>The client whose allocation the path goes through.</summary>
    public TurnClient Client { get; }

    /// <summary>The far end: a local UDP socket or a second allocation.</summary>
    public IRelayPeer Peer { get; }

    /// <summary>The peer as the relay sees it (the channel's peer).</summary>
    public IPEndPoint PeerAddress { get; }

    /// <summary>The channel bound to <see cref="PeerAddress"/>.</summary>
    public ushort Channel { get; }

    /// <summary>True when the peer is a second allocation (UDP from this machine could not reach the relay).</summary>
    public bool ViaSecondAllocation { get; }

    /// <summary>The client's relayed address: where the peer sends.</summary>
    public IPEndPoint Relayed => Client.Allocation?.Relayed ?? throw new InvalidOperationException("The path's allocation is gone.");
}
