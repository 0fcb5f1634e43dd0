using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>TURN over TCP or TLS (RFC 8656 §3.1): no retransmission; ChannelData padded to four bytes (§12.5).</summary>
internal sealed class StreamTurnTransport : ITurnTransport
{
    private readonly StunStreamClient _client;

    public StreamTurnTransport(StunStreamClient client, IPEndPoint remote, TransportProtocol protocol)
    {
        _client = client;
        Remote = remote;
        Protocol = protocol;
        _client.IndicationHandler = message => Sink?.OnIndication(message);
        _client.ChannelDataHandler = frame =>
        {
            if (ChannelDataMessage.TryDecode(frame, 0, frame.Length, out var message))
            {
                Sink?.OnChannelData(message!);
            }
        };
    }

    public TransportProtocol Protocol { get; }

    public IPEndPoint Remote { get; }

    public EndPoint? LocalEndPoint => _client.LocalEndPoint;

    public string? TlsProtocol => _client.TlsProtocol;

    public ITurnDataSink? Sink { get; set; }

    public Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, Func<StunMessage, string?> check, CancellationToken cancellationToken) =>
        _client.ExecuteAsync(request, timeout, cancellationToken, check);

    public Task SendIndicationAsync(byte[] indication, CancellationToken cancellationToken) =>
        _client.SendAsync(indication, cancellationToken);

    public Task SendChannelDataAsync(ChannelDataMessage message, CancellationToken cancellationToken) =>
        _client.SendAsync(message.Encode(padToFour: true), cancellationToken);

    public Task CloseAsync() => _client.CloseAsync();

    public void Dispose() => _client.Dispose();
}
