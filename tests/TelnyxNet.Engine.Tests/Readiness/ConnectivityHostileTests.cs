using System.Diagnostics;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using U = TelnyxNet.Engine.Tests.Hostile.UdpBehaviours;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>
/// The readiness check with every STUN and TURN target on a hostile server (UDP and TCP on
/// loopback): whatever the servers do, the check ends within its budget, never says Ready, names
/// a reason with a fix, and leaves no socket or connection behind (see <see cref="HostileSuite"/>).
/// </summary>
public sealed class ConnectivityHostileTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private static readonly IReadOnlyList<(string Name, UdpBehaviour Udp, StreamBehaviour Stream)> Cases = new[]
    {
        ("silence", U.Silent, SilenceAfterAccept(StunFrame)),
        ("garbage", U.Answer(StunAnswers.Garbage), Answer(FirstBytes, StunAnswers.Garbage)),
        ("a flood of garbage and a reset", U.Flood(StunAnswers.Garbage), ResetAfterAccept),
        ("an endless stream that never closes", U.Answer(StunAnswers.Garbage), Endless(FirstBytes, StunAnswers.Garbage)),
        ("never closing", U.Silent, NeverClose(FirstBytes, StunAnswers.Garbage)),
    };

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Ends_within_its_budget_never_Ready_with_a_named_reason_and_nothing_left_behind(string name)
    {
        var (_, udp, stream) = Cases.Single(c => c.Name == name);
        using var udpServer = new HostileUdpServer(udp);
        using var streamServer = new HostileStreamServer(stream);
        var sockets = new TrackedSockets();
        var tracked = ConnectivityRun.Options(ConnectivityRun.Loopback(udpServer.EndPoint.Port, streamServer.EndPoint.Port), Budget, sockets: sockets);
        var watch = Stopwatch.StartNew();

        var report = await ConnectivityRun.RunAsync(tracked).WaitAsync(Budget + HostileSuite.Slack);

        Assert.True(watch.Elapsed < Budget + HostileSuite.Slack, name + ": " + watch.Elapsed);
        Assert.NotEqual("Ready", report.Verdict);
        Assert.NotEmpty(report.Reasons);
        Assert.All(report.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Remediation), r.Code));
        Assert.All(report.Stun.Concat<IProbeResult>(report.Turn), r => Assert.NotEqual("Succeeded", r.Status));
        Assert.True(sockets.LeftOpen == 0, name + ": " + sockets.LeftOpen + " of " + sockets.Count + " sockets left open. " + ConnectivityRun.Describe(report));
        await Eventually.True(() => streamServer.Open == 0, name + ": every connection the check made is ended (" + streamServer.Open + " open)");
    }
}
