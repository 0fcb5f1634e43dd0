using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>
/// A relay path on the test's clock where media goes nowhere: a TURN transport that grants the
/// allocation and the channel and records when each ChannelData frame was sent, and a peer that
/// never hears anything (it waits on its token only, never on the clock).
/// </summary>
internal sealed class BlackHoleRelay : ITurnTransport, IRelayPeer
{
    public const ushort Channel = ChannelDataMessage.MinChannel;
    public static readonly IPEndPoint PeerAddress = new(IPAddress.Parse("198.51.100.20"), 40000);

    private readonly ScriptedTurnTransport _server = new(r => new StunMessageBuilder(r.Method, StunClass.SuccessResponse, r.TransactionId)
        .Add(new StunXorAddressAttribute(StunAttributeType.XorRelayedAddress, TurnScripts.Relayed))
        .Add(new StunNumberAttribute(StunAttributeType.Lifetime, 600)));

    private readonly IClock _clock;
    private readonly List<TimeSpan> _sent = new();

    private BlackHoleRelay(IClock clock) => _clock = clock;

    /// <summary>When each frame left, in order.</summary>
    public IReadOnlyList<TimeSpan> SentAt
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToList();
            }
        }
    }

    public TransportProtocol Protocol => TransportProtocol.Udp;

    public IPEndPoint Remote => _server.Remote;

    public EndPoint? LocalEndPoint => _server.LocalEndPoint;

    public string? TlsProtocol => null;

    public ITurnDataSink? Sink { get; set; }

    public string Description => "a black hole";

    /// <summary>A path through an allocated client on <paramref name="clock"/>, its channel bound.</summary>
    public static async Task<(RelayPath Path, BlackHoleRelay Relay)> OpenAsync(IClock clock)
    {
        var relay = new BlackHoleRelay(clock);
        var client = new TurnClient(relay, TurnCredential.TelnyxDefault, clock, NullEngineLog.Instance);
        await client.AllocateAsync(clock.Elapsed + TimeSpan.FromSeconds(10), CancellationToken.None);
        await client.ChannelBindAsync(Channel, PeerAddress, clock.Elapsed + TimeSpan.FromSeconds(10), CancellationToken.None);
        return (new RelayPath(client, relay, PeerAddress, Channel, viaSecondAllocation: false), relay);
    }

    public Task<StunTransactionOutcome> ExecuteAsync(byte[] request, TimeSpan timeout, Func<StunMessage, string?> check, CancellationToken cancellationToken) =>
        _server.ExecuteAsync(request, timeout, check, cancellationToken);

    public Task SendIndicationAsync(byte[] indication, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendChannelDataAsync(ChannelDataMessage message, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add(_clock.Elapsed);
        }

        return Task.CompletedTask;
    }

    public Task SendAsync(byte[] data, IPEndPoint relayed, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<RelayedData?> ReceiveFromAsync(IPEndPoint relayed, TimeSpan until, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    public Task CloseAsync() => _server.CloseAsync();

    public void Dispose() => _server.Dispose();
}
