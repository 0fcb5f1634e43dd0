using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The TURN client against coturn with a 1 s nonce lifetime: 438 Stale Nonce is answered once with the new nonce (RFC 8489 §9.2.4).</summary>
[Collection(StaleNonceCoturnCollection.Name)]
public sealed class TurnProbeStaleNonceTests
{
    /// <summary>coturn counts whole seconds: a nonce is always stale 2 s after it was issued.</summary>
    private static readonly TimeSpan UntilStale = TimeSpan.FromSeconds(2.2);

    private readonly CoturnTurnServer _coturn;

    public TurnProbeStaleNonceTests(StaleNonceCoturnFixture fixture) => _coturn = fixture.Server;

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Retries_with_the_new_nonce_when_it_went_stale_between_requests(TransportProtocol protocol)
    {
        var log = new CollectingLog();
        using var client = await ConnectAsync(protocol, log);
        await client.AllocateAsync(Deadline(), CancellationToken.None);

        await Task.Delay(UntilStale);
        var lifetime = await client.RefreshAsync(300, Deadline(), CancellationToken.None);

        Assert.True(lifetime > 0, "coturn granted " + lifetime + " s");
        Assert.Contains(log.Lines, l => l.StartsWith("438 Stale Nonce: retrying Refresh", StringComparison.Ordinal));
        await Task.Delay(UntilStale);
        Assert.True(await client.DeleteAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0));
    }

    private async Task<TurnClient> ConnectAsync(TransportProtocol protocol, IEngineLog log)
    {
        ITurnTransport transport = protocol == TransportProtocol.Udp
            ? new UdpTurnTransport(new StunUdpClient(ConnectedUdpSocket.Connect(_coturn.EndPoint), SystemClock.Instance, log), _coturn.EndPoint, RetransmissionPolicy.Default)
            : new StreamTurnTransport(await StunStreamClient.ConnectAsync(_coturn.EndPoint, TransportProtocol.Tcp, "127.0.0.1", null, TimeSpan.FromSeconds(5), SystemClock.Instance, log, CancellationToken.None), _coturn.EndPoint, TransportProtocol.Tcp);
        return new TurnClient(transport, TurnProbeOptions.Credential(StaleNonceCoturnFixture.User), SystemClock.Instance, log);
    }

    private static TimeSpan Deadline() => SystemClock.Instance.Elapsed + TimeSpan.FromSeconds(5);
}
