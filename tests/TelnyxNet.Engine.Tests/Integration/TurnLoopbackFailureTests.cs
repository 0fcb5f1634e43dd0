using System.Diagnostics;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>How the TURN probe classifies servers that are not there or do not answer, on loopback.</summary>
public sealed class TurnLoopbackFailureTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    private static readonly RetransmissionPolicy FastRto = new(TimeSpan.FromMilliseconds(200), 7, 16);

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Reports_refused_quickly_where_nothing_listens(TransportProtocol transport)
    {
        var options = Options("127.0.0.1:" + FreePorts.Closed(), transport, TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertFailed(result, FailureReason.Refused);
        Assert.False(result.ServerReachable);
        Assert.Null(result.Deallocated);
        Assert.True(watch.Elapsed < options.Timeout / 2, "Refused should come long before the " + options.Timeout.TotalSeconds + " s timeout; it took " + watch.Elapsed);
        Assert.Equal(transport == TransportProtocol.Udp, result.Remediation.Contains("TCP/443 to turn.telnyx.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Times_out_within_the_bound_when_the_server_stays_silent()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Silent);
        var options = Options(server.Server, TransportProtocol.Udp, TimeSpan.FromSeconds(1.5));
        var watch = Stopwatch.StartNew();

        var result = await TurnRun.OneAsync(options);

        Assert.True(watch.Elapsed < options.Timeout + Grace, "took " + watch.Elapsed);
        TurnRun.AssertFailed(result, FailureReason.Timeout);
        Assert.False(result.ServerReachable);
        Assert.True(server.Received >= 3, "RTO 200 ms sends at 0, 0.2, 0.6 and 1.4 s; the server saw " + server.Received);
    }

    [Fact]
    public async Task Times_out_within_the_bound_when_a_TCP_server_accepts_but_never_answers()
    {
        using var server = new HostileStreamServer(StreamBehaviours.Answer(StreamBehaviours.FirstBytes, _ => Array.Empty<byte>()));
        var options = Options("turn:" + server.Server + "?transport=tcp", TransportProtocol.Tcp, TimeSpan.FromSeconds(1.5));
        var watch = Stopwatch.StartNew();

        var result = await TurnRun.OneAsync(options);

        Assert.True(watch.Elapsed < options.Timeout + Grace, "took " + watch.Elapsed);
        TurnRun.AssertFailed(result, FailureReason.Timeout);
        Assert.False(result.ServerReachable);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Reports_a_name_that_does_not_resolve_as_a_DNS_failure()
    {
        var options = Options("no-such-host.invalid", TransportProtocol.Udp, TimeSpan.FromSeconds(5));

        var result = await TurnRun.OneAsync(options);

        TurnRun.AssertFailed(result, FailureReason.DnsFailure);
        Assert.Empty(result.RemoteAddress);
    }

    [Fact]
    public async Task Ends_at_once_when_cancelled_and_throws_only_cancellation()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TurnRun.AllAsync(Options(server.Server, TransportProtocol.Udp, TimeSpan.FromSeconds(30)), cancellationToken: cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Fact]
    public void Refuses_options_without_servers_or_with_a_bad_timeout()
    {
        Assert.Throws<ArgumentException>(() => new TurnAllocationOptions().Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Options("127.0.0.1", TransportProtocol.Udp, TimeSpan.Zero).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TurnAllocationOptions { Servers = TelnyxEndpoints.DefaultTurnServers(), CleanupTimeout = TimeSpan.FromMinutes(5) }.Validate());
    }

    private static TurnAllocationOptions Options(string server, TransportProtocol transport, TimeSpan timeout) => new()
    {
        Servers = new[] { TurnRun.Server(server, transport) },
        Credential = TurnCredential.FromPassword("alice", Secrets.Secure("secret123")),
        Timeout = timeout,
        Retransmission = FastRto,
    };
}
