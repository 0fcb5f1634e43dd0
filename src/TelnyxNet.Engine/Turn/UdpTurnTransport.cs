using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Turn;

/// <summary>TURN over UDP (RFC 8656 §3.1): transactions retransmit on the policy's schedule; ChannelData goes unpadded.</summary>
internal sealed class UdpTurnTransport : ITurnTransport
{
    private readonly StunUdpClient _client;
    private readonly RetransmissionPolicy _policy;

    public UdpTurnTransport(StunUdpClient client, IPEndPoint remote, RetransmissionPolicy policy)
    {
        _client = client;
        _policy = policy;
        Remote = remote;
        _client.IndicationHandler = (message, _) => Sink?.OnIndication(message);
        _client.NonStunHandler = (buffer, count, _) =>
        {
            if (!ChannelDataMessage.TryDecode(buffer, 0, count, out var message))
            {
                return false;
            }

            Sink?.OnChannelData(message!);
            return true;
        };
    }

    public TransportProtocol Protocol => TransportProtocol.Udp;

    public IPEndPoint Remote { get; }

    public EndPoint? LocalEndPoint => _client.LocalEndPoint;

    public string? TlsProtocol => null;

    public ITurnDataSink? Sink { get; set; }

    public Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, Func<StunMessage, string?> check, CancellationToken cancellationToken) =>
        _client.ExecuteAsync(request, Remote, _policy, timeout, cancellationToken, check);

    public Task SendIndicationAsync(byte[] indication, CancellationToken cancellationToken) =>
        _client.SendAsync(indication, Remote, cancellationToken);

    public Task SendChannelDataAsync(ChannelDataMessage message, CancellationToken cancellationToken) =>
        _client.SendAsync(message.Encode(padToFour: false), Remote, cancellationToken);

    public Task CloseAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _client.Dispose();
}
