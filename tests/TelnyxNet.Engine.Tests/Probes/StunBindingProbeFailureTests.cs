using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Probes.ProbeHarness;

namespace TelnyxNet.Engine.Tests.Probes;

public sealed class StunBindingProbeFailureTests
{
    private const ushort UnknownRequired = 0x7F01;

    [Fact]
    public async Task An_error_420_with_unknown_attributes_is_an_error_response_with_advice()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => ScriptedStunServer.Error(420, "Unknown Attribute", UnknownRequired);

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" }, count: 3)));

        AssertFailed(result, FailureReason.ErrorResponse);
        Assert.Equal(420, result.ErrorCode);
        Assert.Contains("420", result.Message);
        Assert.Contains("420", result.Remediation);
        Assert.Equal(1, result.Sent);
        Assert.Equal(0, result.Received);
        Assert.Equal(1, Assert.Single(h.Sockets).SendCount);
    }

    [Fact]
    public async Task An_error_401_says_the_server_wants_credentials()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => ScriptedStunServer.Error(401, "Unauthenticated");

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" })));

        AssertFailed(result, FailureReason.ErrorResponse);
        Assert.Equal(401, result.ErrorCode);
        Assert.Contains("credentials", result.Remediation);
    }

    [Fact]
    public async Task A_success_without_a_mapped_address_is_discarded_and_a_protocol_error_when_nothing_valid_came()
    {
        var h = new ProbeHarness(SystemClock.Instance);
        h.Responder = _ => ScriptedStunServer.Answer(id => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunTextAttribute(StunAttributeType.Software, "no-address")));

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" }, timeout: TimeSpan.FromSeconds(1))));

        AssertFailed(result, FailureReason.ProtocolError);
        Assert.Contains("XOR-MAPPED-ADDRESS", result.Message);
        Assert.Contains("discarded", result.Message);
        Assert.Equal(string.Empty, result.MappedAddress);
        Assert.Null(result.MappedPort);
    }

    [Fact]
    public async Task A_response_with_an_unknown_comprehension_required_attribute_is_a_protocol_error()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => ScriptedStunServer.Answer(id => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, Mapped))
            .Add(new StunRawAttribute(UnknownRequired, new byte[] { 1, 2, 3, 4 })));

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" })));

        AssertFailed(result, FailureReason.ProtocolError);
        Assert.Contains("comprehension-required", result.Message);
    }

    [Fact]
    public async Task An_echo_service_that_returns_the_request_is_a_protocol_error()
    {
        var h = new ProbeHarness(SystemClock.Instance);
        h.Responder = _ => request => request;

        var result = Assert.Single(await h.Run(h.Options(new[] { "192.0.2.1" }, timeout: TimeSpan.FromSeconds(1))));

        AssertFailed(result, FailureReason.ProtocolError);
        Assert.Contains("Request", result.Message);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_gives_one_DNS_failure_naming_the_host()
    {
        var h = new ProbeHarness(new ManualClock());

        var result = Assert.Single(await h.Run(h.Options(new[] { "nowhere.test" })));

        AssertFailed(result, FailureReason.DnsFailure);
        Assert.Equal("nowhere.test", result.Server);
        Assert.Equal(string.Empty, result.RemoteAddress);
        Assert.Contains("no such host", result.Message);
        Assert.Contains("nowhere.test", result.Remediation);
        Assert.Equal(0, result.Sent);
        Assert.Empty(h.Sockets);
    }

    [Fact]
    public async Task A_temporary_DNS_failure_is_a_DNS_failure()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Fail("stun.test", SocketError.TryAgain);

        var result = Assert.Single(await h.Run(h.Options(new[] { "stun.test" })));

        AssertFailed(result, FailureReason.DnsFailure);
        Assert.Contains("did not answer", result.Message);
    }

    [Fact]
    public async Task A_resolver_that_never_answers_is_a_DNS_failure_at_the_timeout()
    {
        var clock = new ManualClock();
        var h = new ProbeHarness(clock);
        h.Resolver.Hang("stun.test");

        var run = h.Start(h.Options(new[] { "stun.test" }, timeout: TimeSpan.FromSeconds(3)));
        await Eventually.True(() => clock.NextDue == TimeSpan.FromSeconds(3), "the resolution to wait for its deadline");
        Assert.Equal(0, clock.AdvanceTo(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1)));
        Assert.False(run.IsCompleted);
        Assert.Equal(1, clock.AdvanceTo(TimeSpan.FromSeconds(3)));
        var result = Assert.Single(await run.WaitAsync(Bound));

        AssertFailed(result, FailureReason.DnsFailure);
        Assert.Contains("did not finish in time", result.Message);
        Assert.Contains("stun.test", result.Remediation);
        Assert.Empty(h.Sockets);
    }

    [Fact]
    public async Task A_resolver_that_never_answers_on_the_real_clock_ends_within_the_timeout_bound()
    {
        var h = new ProbeHarness(SystemClock.Instance);
        h.Resolver.Hang("stun.test");
        var timeout = TimeSpan.FromSeconds(1);

        var result = Assert.Single(await h.Start(h.Options(new[] { "stun.test" }, timeout: timeout)).WaitAsync(timeout + TimeSpan.FromSeconds(3)));

        AssertFailed(result, FailureReason.DnsFailure);
    }

    [Fact]
    public async Task Asking_for_IPv6_when_the_host_has_only_IPv4_is_a_DNS_failure()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Resolver.Answer("stun.test", "192.0.2.1", "192.0.2.2");

        var result = Assert.Single(await h.Run(h.Options(new[] { "stun.test" }, family: AddressFamilyPreference.IPv6)));

        AssertFailed(result, FailureReason.DnsFailure);
        Assert.Contains("no IPv6 address", result.Message);
        Assert.Empty(h.Sockets);
    }

    [Fact]
    public async Task A_socket_that_cannot_open_for_lack_of_a_route_is_unreachable()
    {
        var h = new ProbeHarness(new ManualClock());
        var options = h.Options(new[] { "192.0.2.1" });
        options = new StunBindingOptions
        {
            Servers = options.Servers,
            Resolver = options.Resolver,
            Clock = options.Clock,
            OpenDatagramSocket = _ => throw new SocketException((int)SocketError.NetworkUnreachable),
        };

        var result = Assert.Single(await h.Run(options));

        AssertFailed(result, FailureReason.Unreachable);
        Assert.Equal("192.0.2.1", result.RemoteAddress);
        Assert.Equal(0, result.Sent);
        Assert.Contains("No route", result.Remediation);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_at_the_options_timeout()
    {
        var clock = new ManualClock();
        var h = new ProbeHarness(clock);
        h.Responder = _ => null;

        var run = h.Start(h.Options(new[] { "192.0.2.1" }, timeout: TimeSpan.FromSeconds(2)));
        foreach (var (sends, due) in new[] { (1, 0.5), (2, 1.5), (3, 2.0) })
        {
            await Eventually.True(() => h.SocketTo("192.0.2.1")?.SendCount == sends && clock.NextDue == TimeSpan.FromSeconds(due), sends + " send(s)");
            Assert.False(run.IsCompleted);
            Assert.Equal(1, clock.AdvanceTo(TimeSpan.FromSeconds(due)));
        }

        var result = Assert.Single(await run.WaitAsync(Bound));
        AssertFailed(result, FailureReason.Timeout);
        Assert.Equal(1, result.Sent);
        Assert.Equal(0, result.Received);
        Assert.Contains("701", result.Remediation);
        Assert.True(h.SocketTo("192.0.2.1")!.IsDisposed);
    }

    [Fact]
    public async Task A_refusing_server_is_refused()
    {
        var h = new ProbeHarness(new ManualClock());
        h.Responder = _ => null;

        var run = h.Start(h.Options(new[] { "192.0.2.1" }));
        await Eventually.True(() => h.SocketTo("192.0.2.1")?.SendCount == 1, "the request to go out");
        h.SocketTo("192.0.2.1")!.InjectError(SocketError.ConnectionRefused);

        var result = Assert.Single(await run.WaitAsync(Bound));
        AssertFailed(result, FailureReason.Refused);
        Assert.Contains("actively rejected", result.Remediation);
    }

    private static void AssertFailed(StunBindingResult result, FailureReason reason)
    {
        Assert.Equal(ProbeStatus.Failed, result.Outcome);
        Assert.Equal(reason, result.Reason);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.False(string.IsNullOrWhiteSpace(result.Remediation));
        Assert.Null(result.BehindNat);
        Assert.Null(result.RoundTripTimeMs);
    }

    [Fact]
    public async Task The_check_passes_when_one_server_answers_and_fails_when_none_does()
    {
        var h = new ProbeHarness(new ManualClock())
        {
            Responder = remote => remote.Address.Equals(System.Net.IPAddress.Parse("192.0.2.1")) ? ScriptedStunServer.Success(Mapped) : ScriptedStunServer.Error(400, "Bad Request"),
        };

        var results = await h.Run(h.Options(new[] { "192.0.2.1", "192.0.2.2" }));

        Assert.True(StunBindingProbe.Passed(results));
        Assert.False(StunBindingProbe.Passed(results.Where(r => r.RemoteAddress == "192.0.2.2")));
        Assert.False(StunBindingProbe.Passed(Array.Empty<StunBindingResult>()));
    }
}
