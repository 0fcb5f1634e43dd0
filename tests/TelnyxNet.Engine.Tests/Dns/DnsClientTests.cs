using System.Net;
using Makaretu.Dns;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Dns;

/// <summary>
/// The DNS client against dnsmasq on loopback and scripted resolvers: every failure kind, the move
/// to the next resolver, truncation and TCP, retransmission and cancellation. Hostile resolvers
/// (garbage, other ids and questions, truncation with a broken TCP side, floods, spoofing,
/// silence) are Hostile.DnsHostileTests.
/// </summary>
[Collection(SipLoopbackCollection.Name)]
public sealed class DnsClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly SipLoopbackFixture _servers;

    public DnsClientTests(SipLoopbackFixture servers) => _servers = servers;

    [Fact]
    public async Task Answers_A_SRV_and_NAPTR_from_dnsmasq_with_TTLs_over_UDP()
    {
        var client = Client(_servers.Dns);

        var a = await client.QueryAsync("pbx2." + SipServerFiles.Domain, DnsType.A, Deadline(), CancellationToken.None);
        var srv = await client.QueryAsync("_sips._tcp." + SipServerFiles.Domain, DnsType.SRV, Deadline(), CancellationToken.None);
        var naptr = await client.QueryAsync(SipServerFiles.Domain, (DnsType)NaptrRecord.TypeCode, Deadline(), CancellationToken.None);

        Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.IsType<ARecord>(Assert.Single(a.Records)).Address);
        Assert.Equal(60, a.MinTtlSeconds);
        Assert.Equal("UDP", a.Transport);
        Assert.Equal(_servers.Dns, a.Resolver);
        Assert.Equal(new[] { _servers.TlsPort, _servers.TlsPort }, srv.Records.OfType<SRVRecord>().Select(r => (int)r.Port));
        var services = naptr.Records.OfType<UnknownRecord>().Select(r => NaptrRecord.TryDecode(r.Data, out var n, out _) ? n!.Services : "?").Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "SIP+D2T", "SIP+D2U", "SIPS+D2T" }, services);
    }

    [Fact]
    public async Task A_truncated_UDP_answer_is_asked_again_over_TCP_and_comes_whole()
    {
        var answer = await Client(_servers.Dns).QueryAsync("_sip._udp.big.lab.test", DnsType.SRV, Deadline(), CancellationToken.None);

        Assert.True(answer.Failure == DnsFailureKind.None, answer.Detail);
        Assert.Equal("TCP", answer.Transport);
        Assert.Equal(SipServerFiles.BigSrvCount, answer.Records.Count);
    }

    [Theory]
    [InlineData("nosuch.lab.test", "A", DnsFailureKind.NameNotFound)]
    [InlineData("aonly.lab.test", "AAAA", DnsFailureKind.NoRecords)]
    [InlineData("x.fail.lab.test", "A", DnsFailureKind.ServerFailure)]
    [InlineData("example.com", "A", DnsFailureKind.Refused)]
    public async Task Tells_each_failure_of_dnsmasq_apart(string name, string type, DnsFailureKind expected)
    {
        var answer = await Client(_servers.Dns).QueryAsync(name, Enum.Parse<DnsType>(type), Deadline(), CancellationToken.None);

        Assert.True(answer.Failure == expected, answer.Failure + ": " + answer.Detail);
        Assert.Empty(answer.Records);
        Assert.Contains(name, answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_resolver_is_asked_again_after_1_s_and_is_a_timeout_at_its_share_of_the_time()
    {
        using var silent = new ScriptedDnsServer(_ => Array.Empty<byte[]>());
        var clock = new ManualClock();
        var client = new DnsClient(new[] { silent.EndPoint }, ConnectedUdpSocket.Connect, StunStreamClient.NewStreamSocket, clock, new CollectingLog(), TimeSpan.FromSeconds(1.5));

        var query = client.QueryAsync("a.lab.test", DnsType.A, clock.Elapsed + Bound, CancellationToken.None);
        await Eventually.True(() => silent.UdpQueries == 1 && clock.PendingDelayCount > 0, "the first query, then a wait");
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => silent.UdpQueries == 2 && clock.PendingDelayCount > 0, "the retransmission after 1 s, then a wait");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var answer = await query.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DnsFailureKind.Timeout, answer.Failure);
        Assert.Equal(2, silent.UdpQueries);
    }

    [Fact]
    public async Task A_closed_resolver_port_is_unreachable_at_once()
    {
        var answer = await Client(new IPEndPoint(IPAddress.Loopback, FreePorts.Closed())).QueryAsync("a.lab.test", DnsType.A, Deadline(), CancellationToken.None);

        Assert.Equal(DnsFailureKind.Unreachable, answer.Failure);
        Assert.Contains("port unreachable", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moves_on_after_SERVFAIL_REFUSED_and_silence_and_asks_the_silent_one_last_next_time()
    {
        using var servfail = new ScriptedDnsServer(q => new[] { ScriptedDnsServer.Answer(q, 2) });
        using var refused = new ScriptedDnsServer(q => new[] { ScriptedDnsServer.Answer(q, 5) });
        using var silent = new ScriptedDnsServer(_ => Array.Empty<byte[]>());
        var client = new DnsClient(new[] { silent.EndPoint, servfail.EndPoint, refused.EndPoint, _servers.Dns }, ConnectedUdpSocket.Connect, StunStreamClient.NewStreamSocket, SystemClock.Instance, new CollectingLog(), TimeSpan.FromSeconds(1));

        var first = await client.QueryAsync("aonly.lab.test", DnsType.A, Deadline(), CancellationToken.None);
        var silentQueries = silent.UdpQueries;
        var second = await client.QueryAsync("aonly.lab.test", DnsType.A, Deadline(), CancellationToken.None);

        Assert.True(first.Failure == DnsFailureKind.None, first.Detail);
        Assert.Equal(_servers.Dns, first.Resolver);
        Assert.Equal(new[] { "Timeout", "ServerFailure", "Refused" }, first.Attempts.Select(a => a.Split(' ')[1].TrimEnd(':')));
        Assert.Equal(new[] { "ServerFailure", "Refused" }, second.Attempts.Select(a => a.Split(' ')[1].TrimEnd(':')));
        Assert.Equal(silentQueries, silent.UdpQueries);
    }

    [Fact]
    public async Task Every_resolver_failing_keeps_the_first_ones_kind_and_lists_all()
    {
        using var servfail = new ScriptedDnsServer(q => new[] { ScriptedDnsServer.Answer(q, 2) });
        using var refused = new ScriptedDnsServer(q => new[] { ScriptedDnsServer.Answer(q, 5) });

        var answer = await Client(new[] { servfail.EndPoint, refused.EndPoint }).QueryAsync("a.lab.test", DnsType.A, Deadline(), CancellationToken.None);

        Assert.Equal(DnsFailureKind.ServerFailure, answer.Failure);
        Assert.Equal(2, answer.Attempts.Count);
        Assert.Equal(refused.EndPoint, answer.Resolver);
    }

    [Fact]
    public async Task No_resolver_configured_is_reported_as_such()
    {
        var answer = await Client(Array.Empty<IPEndPoint>()).QueryAsync("a.lab.test", DnsType.A, Deadline(), CancellationToken.None);

        Assert.Equal(DnsFailureKind.Unreachable, answer.Failure);
        Assert.Contains("no DNS resolver", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_throws_at_once()
    {
        using var silent = new ScriptedDnsServer(_ => Array.Empty<byte[]>());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(silent.EndPoint).QueryAsync("a.lab.test", DnsType.A, Deadline(), cancel.Token));
    }

    private static TimeSpan Deadline() => SystemClock.Instance.Elapsed + Bound;

    private static DnsClient Client(IPEndPoint server) => Client(new[] { server });

    private static DnsClient Client(IReadOnlyList<IPEndPoint> servers) =>
        new(servers, ConnectedUdpSocket.Connect, StunStreamClient.NewStreamSocket, SystemClock.Instance, new CollectingLog(), TimeSpan.FromSeconds(2));
}
