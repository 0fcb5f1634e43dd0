using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>
/// Nothing left behind: rounds of TURN tests in parallel over UDP, TCP and TLS, a third of them
/// cancelled at different steps (Ctrl+C), some with a wrong password, against a coturn with fewer
/// relay ports than the tests make allocations, so that any allocation left behind would exhaust
/// the range (508). Afterwards coturn holds no allocation, every relay port is free, and this
/// process has as many sockets open as before.
/// </summary>
[Collection(ResourceAccountingCollection.Name)]
public sealed class TurnCleanupTests : IAsyncLifetime
{
    private const int Rounds = 4;
    private const int PerRound = 9;
    private const int RelayPorts = 24;
    private static readonly string[] CancelPoints = { "Allocated relay", "Permission created", "Relay round trip with Send", "Channel 0x" };
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
    public async Task Leaves_no_allocation_no_busy_relay_port_and_no_open_socket_after_many_runs_and_cancellations()
    {
        var socketsBefore = OpenSockets.Count();
        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var runs = Enumerable.Range(0, PerRound).Select(i => RunOneAsync(round, i)).ToList();
            outcomes.AddRange(await Task.WhenAll(runs));
            Assert.Equal(0, await Coturn.Admin.WaitForAllocationCountAsync(0));
        }

        Assert.Equal(Rounds * PerRound, outcomes.Count);
        Assert.Contains("relayed", outcomes);
        Assert.Contains("cancelled", outcomes);
        Assert.Contains("refused", outcomes);
        Assert.DoesNotContain(outcomes, o => o.StartsWith("unexpected", StringComparison.Ordinal));
        await NothingLeftBehind.AssertAsync(Coturn, socketsBefore);
    }

    /// <summary>One TURN test; its kind follows from its numbers, so that every round mixes transports with cancellations and wrong passwords.</summary>
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
        var options = TurnProbeOptions.For(server, TurnCredential.FromPassword(user.Name, Secrets.Secure(password)), Coturn.TrustTestCa);
        using var cancel = new CancellationTokenSource();
        var log = new CancellingLog((index + round) % 3 == 1 ? CancelPoints[(round + index) % CancelPoints.Length] : "never", cancel);
        try
        {
            var result = Assert.Single(await TurnAllocationProbe.RunAsync(options, log, null, cancel.Token));
            return result.Outcome == ProbeStatus.Succeeded && result.RelayVerified == true && result.Deallocated == true ? "relayed"
                : result.Reason == FailureReason.AuthenticationFailed ? "refused"
                : "unexpected: " + TurnRun.Describe(result);
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
    }
}
