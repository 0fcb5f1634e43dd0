using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration.Turn;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>
/// Nothing left behind by media path runs: rounds of streams in parallel over UDP, TCP and TLS,
/// some relay to relay through a second allocation, some with a wrong password, a third of them
/// cancelled (Ctrl+C) at each step from the transport race to the middle of the stream, against a
/// coturn with fewer relay ports than the runs make allocations. Afterwards coturn holds no
/// allocation, every relay port is free, and this process has as many sockets open as before.
/// </summary>
[Collection(ResourceAccountingCollection.Name)]
public sealed class MediaCleanupTests : IAsyncLifetime
{
    private const int Rounds = 3;
    private const int PerRound = 9;
    private const int RelayPorts = 24;
    private static readonly string[] CancelPoints = { "Testing TURN", "Allocated relay", "Channel 0x", "Streaming ", "Streamed 1 s" };
    private CoturnTurnServer? _coturn;

    private CoturnTurnServer Coturn => _coturn!;

    public async Task InitializeAsync() =>
        _coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { RelayPortCount = RelayPorts, Tls = TurnTlsCertificate.TestCa, IPv6 = false });

    public async Task DisposeAsync()
    {
        if (_coturn is not null)
        {
            await _coturn.DisposeAsync();
        }
    }

    [Fact]
    public async Task Leaves_no_allocation_no_busy_relay_port_and_no_open_socket_after_many_streams_and_cancellations()
    {
        var socketsBefore = OpenSockets.Count();
        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(0, PerRound).Select(i => RunOneAsync(round, i))));
            Assert.Equal(0, await Coturn.Admin.WaitForAllocationCountAsync(0));
        }

        Assert.Contains("measured", outcomes);
        Assert.Contains("cancelled", outcomes);
        Assert.Contains("refused", outcomes);
        Assert.True(!outcomes.Any(o => o.StartsWith("unexpected", StringComparison.Ordinal)), string.Join(Environment.NewLine, outcomes.Where(o => o.StartsWith("unexpected", StringComparison.Ordinal))));
        await NothingLeftBehind.AssertAsync(Coturn, socketsBefore);
    }

    /// <summary>One run; its kind follows from its numbers, so that every round mixes transports, peers, cancellations and wrong passwords.</summary>
    private async Task<string> RunOneAsync(int round, int index)
    {
        var transport = (TransportProtocol)(index % 3);
        var server = transport switch
        {
            TransportProtocol.Tls => "turns:127.0.0.1:" + Coturn.TlsPort,
            TransportProtocol.Tcp => "turn:127.0.0.1:" + Coturn.Port + "?transport=tcp",
            _ => "turn:127.0.0.1:" + Coturn.Port,
        };
        var user = Coturn.Options.Users[0];
        var password = (index + (2 * round)) % 9 == 7 ? "wrong" : user.Password;
        var options = MediaRun.Options(
            new[] { server },
            seconds: 1.2,
            validation: Coturn.TrustTestCa,
            peerSocket: (index + round) % 4 == 0 ? TurnProbeOptions.BlockedPeer : null,
            credential: TurnProbeOptions.Credential(new TurnUser(user.Name, password)));
        using var cancel = new CancellationTokenSource();
        var log = new CancellingLog((index + round) % 3 == 1 ? CancelPoints[(round + index) % CancelPoints.Length] : "never", cancel);
        try
        {
            var result = await MediaRun.OneAsync(options, log, cancel.Token);
            return result.Outcome == ProbeStatus.Succeeded && result.Deallocated == true && result.PacketsReceived == result.PacketsSent ? "measured"
                : result.Reason == FailureReason.AuthenticationFailed ? "refused"
                : "unexpected: " + MediaRun.Describe(result);
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
    }
}
