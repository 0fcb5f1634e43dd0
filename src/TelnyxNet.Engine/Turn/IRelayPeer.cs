using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>The far end of a relay: something that sends to a relayed address and hears from it (RFC 8656 §2.2, "peer").</summary>
internal interface IRelayPeer : IDisposable
{
    /// <summary>How the peer is made, for messages ("a local UDP socket", "a second allocation").</summary>
    string Description { get; }

    /// <summary>Sends <paramref name="data"/> to <paramref name="relayed"/>.</summary>
    Task SendAsync(byte[] data, IPEndPoint relayed, CancellationToken cancellationToken);

    /// <summary>
    /// The next data that arrives from <paramref name="relayed"/> before <paramref name="until"/>
    /// (client clock), with the time it arrived; data from anywhere else is skipped. Null when none came.
    /// </summary>
    Task<RelayedData?> ReceiveFromAsync(IPEndPoint relayed, TimeSpan until, CancellationToken cancellationToken);
}
