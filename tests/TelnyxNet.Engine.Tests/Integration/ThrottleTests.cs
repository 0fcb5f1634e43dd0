using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Integration.Turn;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// 200 servers in one command: tested at most ThrottleLimit at a time, every one with a real
/// verdict, no socket left open, this process's socket count back where it was. Alone in the
/// resource-accounting collection, so no other test's sockets land in the count.
/// </summary>
[Collection(ResourceAccountingCollection.Name)]
public sealed class ThrottleTests
{
    private const int Targets = 200;
    private const int Throttle = 16;

    [Fact]
    public async Task Two_hundred_servers_are_tested_sixteen_at_a_time_and_leave_no_socket_open()
    {
        var servers = Enumerable.Range(0, Targets).Select(_ => new HostileUdpServer(UdpBehaviours.Delayed(TimeSpan.FromMilliseconds(20), StunAnswers.Success))).ToList();
        try
        {
            var socketsBefore = OpenSockets.Count();
            var sockets = new TrackedSockets();
            var options = new StunBindingOptions
            {
                Servers = servers.Select(s => ProbeRun.Server(s.Server, TransportProtocol.Udp)).ToList(),
                ThrottleLimit = Throttle,
                Timeout = TimeSpan.FromSeconds(10),
                OpenDatagramSocket = sockets.OpenDatagram,
            };

            var results = await ProbeRun.AllAsync(options).WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal(Targets, results.Count);
            Assert.All(results, ProbeRun.AssertSucceeded);
            Assert.Equal(servers.Select(s => s.EndPoint.Port), results.Select(r => r.Port));
            Assert.Equal(Targets, sockets.Count);
            Assert.InRange(sockets.PeakDatagramSockets, 1, Throttle);
            Assert.Equal(0, sockets.LeftOpen);
            await Eventually.True(() => OpenSockets.Count() <= socketsBefore, "the open socket count to return to " + socketsBefore + " (now " + OpenSockets.Count() + ")");
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_server_waiting_for_its_turn_gets_its_whole_timeout_from_when_it_starts()
    {
        var clock = new ManualClock();
        var h = new Probes.ProbeHarness(clock);
        h.Responder = _ => null;
        var given = h.Options(new[] { "192.0.2.1", "192.0.2.2" }, timeout: TimeSpan.FromSeconds(2));
        var options = new StunBindingOptions
        {
            Servers = given.Servers,
            Timeout = given.Timeout,
            Resolver = given.Resolver,
            Clock = clock,
            OpenDatagramSocket = given.OpenDatagramSocket,
            ThrottleLimit = 1,
        };

        var run = h.Start(options);
        await Eventually.True(() => h.Sockets.Count == 1 && clock.PendingDelayCount == 1, "the first server is being tested, the second waits its turn");
        while (!run.IsCompleted && clock.NextDue is TimeSpan due)
        {
            clock.AdvanceTo(due);
            await Eventually.True(() => run.IsCompleted || clock.PendingDelayCount == 1, "the next wait");
        }

        var results = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(results, r => Assert.Equal(FailureReason.Timeout, r.Reason));
        Assert.Equal(TimeSpan.FromSeconds(4), clock.Elapsed);
        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(2) }, h.Sockets.Select(s => s.Sent[0].At).OrderBy(t => t));
    }
}
