using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// The control connection from a TURN client to its server (RFC 8656 §3.1): request/response
/// transactions, one-way frames (indications, ChannelData), and what the server sends unasked.
/// Implemented over UDP and over TCP/TLS.
/// </summary>
internal interface ITurnTransport : IDisposable
{
    /// <summary>UDP, TCP or TLS.</summary>
    TransportProtocol Protocol { get; }

    /// <summary>The server's address and port.</summary>
    IPEndPoint Remote { get; }

    /// <summary>This side's address and port.</summary>
    EndPoint? LocalEndPoint { get; }

    /// <summary>The negotiated TLS version, for TLS.</summary>
    string? TlsProtocol { get; }

    /// <summary>Receives Data indications and ChannelData frames; set before the first request.</summary>
    ITurnDataSink? Sink { get; set; }

    /// <summary>
    /// One transaction; a response that <paramref name="check"/> rejects (it returns why) is
    /// discarded and the transaction waits on (RFC 8489 §6.3). Throws
    /// <see cref="Diagnosis.ProbeException"/> or <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, Func<StunMessage, string?> check, CancellationToken cancellationToken);

    /// <summary>Sends one indication.</summary>
    Task SendIndicationAsync(byte[] indication, CancellationToken cancellationToken);

    /// <summary>Sends one ChannelData message, padded as the transport requires.</summary>
    Task SendChannelDataAsync(ChannelDataMessage message, CancellationToken cancellationToken);

    /// <summary>Closes the connection in an orderly way (TCP/TLS: close_notify, FIN, a brief drain); never throws.</summary>
    Task CloseAsync();
}

/// <summary>Where a TURN transport hands what the server sends unasked.</summary>
internal interface ITurnDataSink
{
    /// <summary>A STUN indication (RFC 8656 §11.4: Data).</summary>
    void OnIndication(StunMessage indication);

    /// <summary>A ChannelData message (RFC 8656 §12.6).</summary>
    void OnChannelData(ChannelDataMessage message);
}
