using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>
/// A TURN server played by the test: each request is decoded and handed to a script that returns
/// the response (or null for silence, which times the transaction out). A response the client's
/// check discards ends the transaction as the real transports do when only invalid answers came
/// (ProtocolError). Records every request,
/// indication and ChannelData frame; lets the test push Data indications and ChannelData.
/// </summary>
internal sealed class ScriptedTurnTransport : ITurnTransport
{
    private readonly Func<StunMessage, StunMessageBuilder?> _script;
    private readonly List<StunMessage> _requests = new();
    private readonly List<StunMessage> _indications = new();
    private readonly List<ChannelDataMessage> _channelData = new();

    public ScriptedTurnTransport(Func<StunMessage, StunMessageBuilder?> script, TransportProtocol protocol = TransportProtocol.Udp)
    {
        _script = script;
        Protocol = protocol;
    }

    public TransportProtocol Protocol { get; }

    public IPEndPoint Remote { get; } = new(IPAddress.Parse("192.0.2.1"), 3478);

    public EndPoint? LocalEndPoint { get; } = new IPEndPoint(IPAddress.Parse("192.168.1.10"), 50000);

    public string? TlsProtocol => null;

    public ITurnDataSink? Sink { get; set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<StunMessage> Requests => _requests;

    public IReadOnlyList<StunMessage> Indications => _indications;

    public IReadOnlyList<ChannelDataMessage> ChannelData => _channelData;

    public Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, Func<StunMessage, string?> check, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Disposed)
        {
            throw new ObjectDisposedException(nameof(ScriptedTurnTransport));
        }

        Assert.True(StunDecoder.TryDecode(request, out var message, out var error), "The client sent invalid STUN: " + error);
        _requests.Add(message!);
        var response = (_script(message!) ?? throw new ProbeException(FailureReason.Timeout, "scripted silence")).Build();
        if (check(response) is string discarded)
        {
            throw new ProbeException(FailureReason.ProtocolError, "Malformed or invalid response (" + discarded + "): 1 discarded, no valid answer.");
        }

        return Task.FromResult(new StunTransactionOutcome(response, Remote, TimeSpan.FromMilliseconds(1), 1));
    }

    public Task SendIndicationAsync(byte[] indication, CancellationToken cancellationToken)
    {
        Assert.True(StunDecoder.TryDecode(indication, out var message, out var error), "The client sent an invalid indication: " + error);
        _indications.Add(message!);
        return Task.CompletedTask;
    }

    public Task SendChannelDataAsync(ChannelDataMessage message, CancellationToken cancellationToken)
    {
        _channelData.Add(message);
        return Task.CompletedTask;
    }

    public Task CloseAsync()
    {
        Disposed = true;
        return Task.CompletedTask;
    }

    public void Dispose() => Disposed = true;
}
