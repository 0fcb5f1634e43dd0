using System.Diagnostics;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Nat;

/// <summary>
/// NAT behaviour discovery against coturn on loopback (RFC 5780 on 127.0.0.1 and 127.0.0.2) and
/// against scripted servers that play NATs and broken RFC 5780 servers. Every mapped address the
/// scripts hand out is on loopback, so the hairpinning test never leaves the machine.
/// </summary>
[Collection(CoturnCollection.Name)]
public sealed class NatBehaviorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(4);
    private static readonly IPEndPoint MappedA = new(IPAddress.Loopback, 9);
    private static readonly IPEndPoint MappedB = new(IPAddress.Loopback, 13);
    private readonly CoturnFixture _coturn;

    public NatBehaviorTests(CoturnFixture coturn) => _coturn = coturn;

    [Fact]
    public async Task Runs_RFC_5780_against_coturn_and_finds_no_NAT_and_open_filtering_on_loopback()
    {
        var result = await RunAsync(Options("127.0.0.1:" + _coturn.ListeningPort) with { MeasureLifetime = true, LifetimeLimit = TimeSpan.FromSeconds(2) });

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(("NoNat", "EndpointIndependent", "Rfc5780"), (result.MappingBehavior, result.FilteringBehavior, result.Method));
        Assert.Equal("127.0.0.2:" + _coturn.AltListeningPort, result.OtherAddress);
        Assert.Equal(("127.0.0.1", "127.0.0.1"), (result.PublicAddress, result.LocalAddress));
        Assert.Equal(result.LocalPort, result.PublicPort);
        Assert.True(result.PortPreserved);
        Assert.False(result.MappingVariesByDestination);
        Assert.Null(result.Hairpinning);
        Assert.Equal(2, result.BindingLifetimeSeconds);
        Assert.Empty(result.Findings);
        Assert.Empty(result.Remediation);
        var filtering = Assert.Single(result.Evidence, e => e.Test.StartsWith("Filtering II (", StringComparison.Ordinal));
        Assert.Equal(("Answered", "127.0.0.2:" + _coturn.AltListeningPort), (filtering.Outcome, filtering.AnsweredFrom));
        Assert.Contains(result.Evidence, e => e.Test.StartsWith("Lifetime: after 1 s", StringComparison.Ordinal) && e.Outcome == "Answered");
        Assert.True(NatBehaviorProbe.Passed(result));
    }

    [Fact]
    public async Task Compares_two_servers_without_OTHER_ADDRESS_and_never_guesses_which_dependence()
    {
        using var first = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA)));
        using var second = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedB)));

        var result = await RunAsync(Options(first.Server, second.Server));

        Assert.Equal(("Inconclusive", "Unknown", "TwoServerComparison"), (result.MappingBehavior, result.FilteringBehavior, result.Method));
        Assert.True(result.MappingVariesByDestination);
        Assert.False(result.PortPreserved);
        Assert.Equal(new[] { "nat_symmetric", "nat_no_hairpinning" }, result.Findings.Select(f => f.Code));
        Assert.Contains("forceRelayCandidate", result.Remediation, StringComparison.Ordinal);
        Assert.Contains("cannot be told apart", result.Message, StringComparison.Ordinal);
        Assert.False(NatBehaviorProbe.Passed(result));
    }

    [Fact]
    public async Task Finds_endpoint_independent_mapping_when_two_servers_see_the_same_address()
    {
        using var first = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA)));
        using var second = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA)));

        var result = await RunAsync(Options(first.Server, second.Server));

        Assert.Equal(("EndpointIndependent", "Unknown"), (result.MappingBehavior, result.FilteringBehavior));
        Assert.False(result.MappingVariesByDestination);
        Assert.Contains("no usable OTHER-ADDRESS", result.Message, StringComparison.Ordinal);
        Assert.True(NatBehaviorProbe.Passed(result));
    }

    [Fact]
    public async Task Is_inconclusive_with_one_server_that_gives_no_OTHER_ADDRESS()
    {
        using var only = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA)));

        var result = await RunAsync(Options(only.Server));

        Assert.Equal("Inconclusive", result.MappingBehavior);
        Assert.Null(result.MappingVariesByDestination);
        Assert.Contains("nat_inconclusive", result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Ignores_an_OTHER_ADDRESS_that_is_not_another_address_and_port()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA, other: new IPEndPoint(IPAddress.Loopback, 3479))));

        var result = await RunAsync(Options(server.Server));

        Assert.Equal("TwoServerComparison", result.Method);
        Assert.Equal("127.0.0.1:3479", result.OtherAddress);
        Assert.Contains("is not another address and port", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_filtering_is_unknown_when_the_server_answers_CHANGE_REQUEST_from_its_primary_address()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA, other: new IPEndPoint(IPAddress.Parse("127.0.0.2"), 3479))));

        var result = await RunAsync(Options(server.Server));

        Assert.Equal(("Rfc5780", "Unknown"), (result.Method, result.FilteringBehavior));
        Assert.Contains("does not honour CHANGE-REQUEST", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Says_filtering_is_unknown_when_the_server_rejects_CHANGE_REQUEST()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(Answer(MappedA, other: new IPEndPoint(IPAddress.Parse("127.0.0.2"), 3479), rejectChangeRequest: true)));

        var result = await RunAsync(Options(server.Server));

        Assert.Equal("Unknown", result.FilteringBehavior);
        Assert.Contains("rejected CHANGE-REQUEST", result.Message, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.Outcome == "Failed" && e.Note.Contains("420", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silent", "Timeout")]
    [InlineData("error", "ErrorResponse")]
    [InlineData("garbage", "ProtocolError")]
    public async Task Fails_with_a_reason_when_the_first_server_does_not_answer_test_I(string kind, string reason)
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(kind switch
        {
            "silent" => _ => null,
            "error" => ScriptedStunServer.Error(500, "Server Error"),
            _ => request => new byte[] { 1, 1, 0, 4, 0x21, 0x12, 0xA4, 0x42 }.Concat(request.Skip(8).Take(12)).Concat(new byte[] { 0, 0x20, 0, 8 }).ToArray(),
        }));
        var watch = Stopwatch.StartNew();

        var result = await RunAsync(Options(server.Server));

        Assert.True(watch.Elapsed < Timeout + Grace, "took " + watch.Elapsed);
        Assert.Equal(("Failed", reason), (result.Status, result.FailureReason));
        Assert.Equal(("Inconclusive", "Unknown"), (result.MappingBehavior, result.FilteringBehavior));
        Assert.NotEmpty(result.Remediation);
        Assert.False(NatBehaviorProbe.Passed(result));
    }

    [Fact]
    public async Task Ends_at_once_when_cancelled()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Silent);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NatBehaviorProbe.RunAsync(Options(server.Server) with { Timeout = TimeSpan.FromSeconds(30) }, null, null, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
    }

    [Fact]
    public void Rejects_options_out_of_range()
    {
        Assert.Throws<ArgumentException>(() => new NatBehaviorOptions().Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Options("127.0.0.1:3478").WithLimit(TimeSpan.FromMinutes(11)).Validate());
        Assert.True(StunServerAddress.TryParse("127.0.0.1:3478", TransportProtocol.Tcp, out var tcp, out _));
        Assert.Throws<ArgumentException>(() => new NatBehaviorOptions { Servers = new[] { tcp! } }.Validate());
    }

    private static async Task<NatBehaviorResult> RunAsync(NatOptionsBuilder options) =>
        await NatBehaviorProbe.RunAsync(options.Build(), new CollectingLog(), null, CancellationToken.None);

    private static NatOptionsBuilder Options(params string[] servers) => new(servers.Select(s =>
    {
        Assert.True(StunServerAddress.TryParse(s, TransportProtocol.Udp, out var server, out var error), error);
        return server!;
    }).ToList(), Timeout, false, TimeSpan.FromSeconds(60));

    /// <summary>A Binding success with <paramref name="mapped"/> and, when given, OTHER-ADDRESS; optionally 420 for CHANGE-REQUEST.</summary>
    private static Func<byte[], byte[]?> Answer(IPEndPoint mapped, IPEndPoint? other = null, bool rejectChangeRequest = false) => request =>
    {
        Assert.True(StunDecoder.TryDecode(request, out var message, out _));
        if (rejectChangeRequest && message!.GetAttribute(StunAttributeType.ChangeRequest) != null)
        {
            return new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, message.TransactionId)
                .Add(new StunErrorCodeAttribute(420, "Unknown Attribute"))
                .Add(new StunUnknownAttributesAttribute(new[] { StunAttributeType.ChangeRequest }))
                .Encode();
        }

        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, message!.TransactionId)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, mapped));
        if (other != null)
        {
            builder.Add(new StunAddressAttribute(StunAttributeType.OtherAddress, other));
        }

        return builder.Encode();
    };

    /// <summary>Options for a test: the engine's options are init-only, so tests vary them through this record.</summary>
    private sealed record NatOptionsBuilder(IReadOnlyList<StunServerAddress> Servers, TimeSpan Timeout, bool MeasureLifetime, TimeSpan LifetimeLimit)
    {
        public NatOptionsBuilder WithLimit(TimeSpan limit) => this with { LifetimeLimit = limit };

        public NatBehaviorOptions Build() => new()
        {
            Servers = Servers,
            Timeout = Timeout,
            FilteringTimeout = TimeSpan.FromSeconds(1),
            MeasureLifetime = MeasureLifetime,
            LifetimeLimit = LifetimeLimit,
        };

        public void Validate() => Build().Validate();

        public static implicit operator NatBehaviorOptions(NatOptionsBuilder builder) => builder.Build();
    }
}
