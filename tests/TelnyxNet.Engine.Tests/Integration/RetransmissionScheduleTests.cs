using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// RFC 8489 §6.2.1's schedule on the real clock, counted where it matters: at the server. Each
/// wait ends 2 ms early (a timer of coarse granularity), which once made the client send bursts
/// just before its deadline. The deadline sits a second away from any transmission, so the count
/// does not depend on how fast this machine is, only that it is not stalled for a whole second.
/// </summary>
public sealed class RetransmissionScheduleTests
{
    /// <summary>RTO 250 ms: transmissions due at 0, 0.25, 0.75, 1.75, 3.75 s; a 2.75 s timeout allows four.</summary>
    private static readonly RetransmissionPolicy Rto250 = new(TimeSpan.FromMilliseconds(250), 7, 16);

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(2750);

    [Fact]
    public async Task A_silent_server_receives_exactly_the_transmissions_the_schedule_allows_before_the_deadline()
    {
        var servers = Enumerable.Range(0, 8).Select(_ => new HostileUdpServer(UdpBehaviours.Silent)).ToList();
        try
        {
            var options = new StunBindingOptions
            {
                Servers = servers.Select(s => ProbeRun.Server(s.Server, TransportProtocol.Udp)).ToList(),
                Timeout = Timeout,
                Retransmission = Rto250,
                Clock = new EarlyClock(SystemClock.Instance, TimeSpan.FromMilliseconds(2)),
            };

            var results = await ProbeRun.AllAsync(options);

            Assert.All(results, result =>
            {
                ProbeRun.AssertFailed(result, FailureReason.Timeout);
                Assert.Equal(3, result.Retransmissions);
                Assert.Contains("after 4 transmission(s)", result.Message, StringComparison.Ordinal);
            });

            // Once the probe returned, its sockets are closed: nothing more can arrive. Wait only for the kernel to hand over what was sent.
            await Eventually.True(() => servers.All(s => s.Received >= 4), "every server has seen its four transmissions");
            Assert.All(servers, s => Assert.Equal(4, s.Received));
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
        }
    }
}
