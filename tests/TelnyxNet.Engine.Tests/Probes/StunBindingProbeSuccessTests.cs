using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Probes.ProbeHarness;

namespace TelnyxNet.Engine.Tests.Probes;

public sealed class StunBindingProbeSuccessTests
{
    [Fact]
    public async Task Reports_the_mapped_and_local_addresses_behind_a_NAT()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Answer("stun.test", "192.0.2.1");

        var results = await h.Run(h.Options(new[] { "stun.test" }));

        var result = Assert.Single(results);
        Assert.Equal(ProbeStatus.Succeeded, result.Outcome);
        Assert.Equal(FailureReason.None, result.Reason);
        Assert.Equal("stun.test", result.Server);
        Assert.Equal(3478, result.Port);
        Assert.Equal(nameof(TransportProtocol.Udp), result.Transport);
        Assert.Equal("192.0.2.1", result.RemoteAddress);
        Assert.Equal("192.168.1.10", result.LocalAddress);
        Assert.Equal(50000, result.LocalPort);
        Assert.Equal("203.0.113.7", result.MappedAddress);
        Assert.Equal(40000, result.MappedPort);
        Assert.True(result.BehindNat);
        Assert.Equal("scripted", result.ServerSoftware);
        Assert.Equal(1, result.Sent);
        Assert.Equal(1, result.Received);
        Assert.Equal(0, result.Retransmissions);
        Assert.Equal(0, result.RoundTripTimeMs);
        Assert.Empty(result.Remediation);
        Assert.Null(result.ErrorCode);
        Assert.Equal(ManualClock.Start, result.Timestamp);
        Assert.Contains("203.0.113.7:40000", result.Message);
        Assert.True(Assert.Single(h.Sockets).IsDisposed);
        Assert.Equal(new[] { "stun.test" }, h.Resolver.Queries);
    }

    [Fact]
    public async Task Is_not_behind_a_NAT_when_the_mapped_address_is_the_local_one()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => ScriptedStunServer.Success(ScriptedDatagramSocket.DefaultLocal);

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" })));

        Assert.Equal(ProbeStatus.Succeeded, result.Outcome);
        Assert.Equal(result.LocalAddress, result.MappedAddress);
        Assert.Equal(result.LocalPort, result.MappedPort);
        Assert.False(result.BehindNat);
        Assert.Empty(h.Resolver.Queries);
    }

    [Fact]
    public async Task A_translated_port_alone_means_behind_a_NAT()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => ScriptedStunServer.Success(new IPEndPoint(ScriptedDatagramSocket.DefaultLocal.Address, 61000));

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" })));

        Assert.True(result.BehindNat);
    }

    [Fact]
    public async Task Count_five_sends_five_transactions_and_gives_round_trip_statistics()
    {
        // A manual clock: no retransmission can fire, however slow the machine.
        var h = new ProbeHarness(new ManualClock());

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" }, count: 5)));

        Assert.Equal(ProbeStatus.Succeeded, result.Outcome);
        Assert.Equal(5, result.Sent);
        Assert.Equal(5, result.Received);
        Assert.NotNull(result.RoundTripTimeMs);
        Assert.True(result.MinRoundTripTimeMs <= result.RoundTripTimeMs, "min " + result.MinRoundTripTimeMs + " > avg " + result.RoundTripTimeMs);
        Assert.True(result.RoundTripTimeMs <= result.MaxRoundTripTimeMs, "avg " + result.RoundTripTimeMs + " > max " + result.MaxRoundTripTimeMs);
        Assert.True(result.MinRoundTripTimeMs >= 0);
        var sent = Assert.Single(h.Sockets).Sent;
        Assert.Equal(5, sent.Count);
        Assert.Equal(5, sent.Select(s => TransactionId.FromBytes(s.Bytes, 8)).Distinct().Count());
    }

    [Fact]
    public async Task A_server_that_falls_silent_midway_is_still_a_success_that_reports_the_unanswered_request()
    {
        var clock = new ManualClock();
        var h = new ProbeHarness(clock) { Responder = _ => ScriptedStunServer.AnswerFirst(3, ScriptedStunServer.Success(ProbeHarness.Mapped)) };
        var run = h.Start(h.Options(new[] { "192.0.2.1" }, count: 5, timeout: TimeSpan.FromSeconds(1)));

        await Eventually.True(() => h.SocketTo("192.0.2.1")?.SendCount == 4, "three answered requests and the fourth");
        await Eventually.True(() => clock.PendingDelayCount == 1, "the fourth request to wait for its retransmission time");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.True(() => h.SocketTo("192.0.2.1")?.SendCount == 5, "the fourth request's retransmission");
        await Eventually.True(() => clock.PendingDelayCount == 1, "the retransmission to wait for the deadline");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var result = Assert.Single(await run.WaitAsync(ProbeHarness.Bound));

        Assert.Equal(ProbeStatus.Succeeded, result.Outcome);
        Assert.Equal(FailureReason.None, result.Reason);
        Assert.Equal(4, result.Sent);
        Assert.Equal(3, result.Received);
        Assert.Equal(1, result.Retransmissions);
        Assert.Contains("1 request(s) unanswered", result.Message);
        Assert.Contains("No response", result.Message);
    }

    [Fact]
    public async Task Each_address_of_a_host_gets_its_own_result()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Answer("stun.test", "192.0.2.1", "2001:db8::1");

        var results = await h.Run(h.Options(new[] { "stun.test" }));

        Assert.Equal(new[] { "192.0.2.1", "2001:db8::1" }, results.Select(r => r.RemoteAddress));
        Assert.All(results, r =>
        {
            Assert.Equal(ProbeStatus.Succeeded, r.Outcome);
            Assert.Equal("stun.test", r.Server);
        });
        Assert.NotNull(h.SocketTo("192.0.2.1"));
        Assert.NotNull(h.SocketTo("2001:db8::1"));
    }

    [Fact]
    public async Task The_IPv4_family_keeps_only_IPv4_addresses()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Answer("stun.test", "2001:db8::1", "192.0.2.1");

        var results = await h.Run(h.Options(new[] { "stun.test" }, family: AddressFamilyPreference.IPv4));

        Assert.Equal("192.0.2.1", Assert.Single(results).RemoteAddress);
        Assert.Null(h.SocketTo("2001:db8::1"));
    }

    [Fact]
    public async Task Results_follow_the_order_of_the_servers_even_when_the_first_is_slowest()
    {
        var clock = new ManualClock();
        var h = new ProbeHarness(clock);
        h.Resolver.Answer("slow.test", "192.0.2.1").Answer("fast.test", "192.0.2.2");
        h.Responder = remote => remote.Address.Equals(IPAddress.Parse("192.0.2.1"))
            ? ScriptedStunServer.DropFirst(1, ScriptedStunServer.Success(Mapped))
            : ScriptedStunServer.Success(Mapped);

        var run = h.Start(h.Options(new[] { "slow.test", "fast.test" }));
        await Eventually.True(
            () => h.SocketTo("192.0.2.2")?.IsDisposed == true && h.SocketTo("192.0.2.1")?.SendCount == 1 && clock.NextDue == TimeSpan.FromSeconds(0.5),
            "the fast server to finish while the slow one waits to retransmit");
        Assert.False(run.IsCompleted);
        clock.AdvanceTo(TimeSpan.FromSeconds(0.5));
        var results = await run.WaitAsync(Bound);

        Assert.Equal(new[] { "slow.test", "fast.test" }, results.Select(r => r.Server));
        Assert.All(results, r => Assert.Equal(ProbeStatus.Succeeded, r.Outcome));
        Assert.Equal(1, results[0].Retransmissions);
        Assert.Equal(0, results[1].Retransmissions);
    }

    [Fact]
    public async Task Reports_progress_that_ends_completed_at_100_percent()
    {
        var h = new ProbeHarness(new ManualClock());
        var progress = new CollectingProgress();

        await h.Run(h.Options(new[] { "192.0.2.1", "192.0.2.2" }), progress: progress);

        var reports = progress.Reports;
        Assert.Equal(4, reports.Count);
        Assert.Equal(0, reports[0].PercentComplete);
        Assert.True(reports[^1].Completed);
        Assert.Equal(100, reports[^1].PercentComplete);
        Assert.Single(reports, r => r.Completed);
        Assert.All(reports, r => Assert.False(string.IsNullOrEmpty(r.Activity)));
    }

    [Fact]
    public async Task Narrates_what_it_does_to_the_log()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Answer("stun.test", "192.0.2.1");
        var log = new CollectingLog();

        await h.Run(h.Options(new[] { "stun.test" }), log);

        var lines = log.Lines;
        Assert.Contains(lines, l => l.Contains("Resolving stun.test", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Testing STUN UDP 192.0.2.1:3478 (stun.test)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Sent Binding request", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Answer from 192.0.2.1:3478", StringComparison.Ordinal) && l.Contains("203.0.113.7:40000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1001, 5)]
    [InlineData(1, 0)]
    [InlineData(1, -1)]
    [InlineData(1, 601)]
    public async Task Options_reject_an_out_of_range_count_or_timeout(int count, int timeoutSeconds)
    {
        var h = new ProbeHarness(new ManualClock());
        var options = h.Options(new[] { "192.0.2.1" }, count: count, timeout: TimeSpan.FromSeconds(timeoutSeconds));

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Run(options));
        Assert.Empty(h.Sockets);
    }

    [Fact]
    public async Task Options_reject_an_empty_server_list_instead_of_guessing_defaults()
    {
        var h = new ProbeHarness(new ManualClock());
        var options = h.Options(Array.Empty<string>());

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("At least one server", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Run(options));
        Assert.Empty(h.Resolver.Queries);
    }
}
