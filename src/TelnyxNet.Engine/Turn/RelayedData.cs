using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// Data that came through a relay (RFC 8656 §11.4, §12.6): to the client, as the server delivered
/// it from a peer; to a peer, as it arrived from the relayed address. With the time it was received.
/// </summary>
internal sealed class RelayedData
{
    public RelayedData(IPEndPoint peer, byte[] data, bool viaChannel, TimeSpan receivedAt)
    {
        Peer = peer;
        Data = data;
        ViaChannel = viaChannel;
        ReceivedAt = receivedAt;
    }

    /// <summary>Where it came from: the peer as the relay saw it (XOR-PEER-ADDRESS, or the channel's peer), or, at a peer, the relayed address.</summary>
    public IPEndPoint Peer { get; }

    /// <summary>The application data.</summary>
    public byte[] Data { get; }

    /// <summary>True for ChannelData, false for a Data indication or a plain datagram.</summary>
    public bool ViaChannel { get; }

    /// <summary>When it arrived, on the client's clock, read as the receive loop took it.</summary>
    public TimeSpan ReceivedAt { get; }
}
