using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>Data a peer sent to the relayed address, as the server delivered it (RFC 8656 §11.4, §12.6).</summary>
internal sealed class RelayedData
{
    public RelayedData(IPEndPoint peer, byte[] data, bool viaChannel, TimeSpan receivedAt)
    {
        Peer = peer;
        Data = data;
        ViaChannel = viaChannel;
        ReceivedAt = receivedAt;
    }

    /// <summary>The peer's address as the relay saw it (XOR-PEER-ADDRESS, or the channel's peer).</summary>
    public IPEndPoint Peer { get; }

    /// <summary>The application data.</summary>
    public byte[] Data { get; }

    /// <summary>True for ChannelData, false for a Data indication.</summary>
    public bool ViaChannel { get; }

    /// <summary>When it arrived, on the client's clock.</summary>
    public TimeSpan ReceivedAt { get; }
}
