using System.Net;
using Makaretu.Dns;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using D = TelnyxNet.Engine.Tests.Hostile.DnsAnswers;
using U = TelnyxNet.Engine.Tests.Hostile.UdpBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// The DNS client (the SIP probe's resolver) against scripted hostile resolvers (see
/// <see cref="HostileSuite"/>): over UDP, garbage, answers with another id or to another question,
/// a query for an answer, a compression loop, an endless flood of other ids, a spoofed source and
/// silence; after a truncated UDP answer, a TCP side on the same port (RFC 7766 §5) that is closed,
/// silent, resets, closes early, announces a length and stalls, announces 64 KiB of junk, trickles
/// for ever or answers another id. Each ends within its bound with the named
/// <see cref="DnsFailureKind"/>, never with records on an invalid answer, and leaves no socket or
/// connection behind. Resolver failures it does not play (SERVFAIL, REFUSED, the move to the next
/// resolver, the retransmission schedule) are DnsClientTests'.
/// </summary>
public sealed class DnsHostileTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(2);

    /// <summary>Far slower than any case's timeout: a trickled answer that cannot be complete by the deadline.</summary>
    private static readonly TimeSpan Crawl = TimeSpan.FromMilliseconds(250);

    public static TheoryData<string> UdpNames => new(UdpCases.Select(c => c.Name));

    public static TheoryData<string> TcpNames => new(TcpCases.Select(c => c.Name));

    private static IReadOnlyList<DnsCase> UdpCases { get; } = new[]
    {
        Invalid("garbage", U.Answer(D.Garbage), "not a valid DNS message"),
        Invalid("another query's id", U.Answer(D.OtherId), "another query's id"),
        Invalid("an answer to another question", U.Answer(D.OtherQuestion), "another question (A other.lab.test)"),
        Invalid("the query echoed", U.Answer(D.Echo), "a query, not an answer"),
        Invalid("shorter than a header", U.Answer(D.Short), "shorter than a DNS header"),
        Invalid("a compression pointer loop", U.Answer(D.CompressionLoop), "not a valid DNS message"),
        Invalid("an endless flood of other ids", U.Flood(D.OtherId), "another query's id"),
        new("spoofed source", () => new HostileUdpServer(U.FromElsewhere(D.Valid)), DnsFailureKind.Timeout, HostileSuite.Short) { Also = Says("no answer after 1 UDP transmission") },
        new("silence", () => new HostileUdpServer(U.Silent), DnsFailureKind.Timeout, HostileSuite.Short) { Also = Says("no answer after 1 UDP transmission") },
        new("control: another id, another question, garbage, then a valid answer", () => new HostileUdpServer(U.Sequence(Pause, D.OtherId, D.OtherQuestion, D.Garbage, D.Valid)), DnsFailureKind.None, HostileSuite.Long)
        {
            Also = (answer, _) => Assert.Equal("UDP", answer.Transport),
        },
    };

    private static IReadOnlyList<DnsCase> TcpCases { get; } = new[]
    {
        new("truncated, and nothing listens on TCP", () => new HostileUdpServer(U.Answer(D.Truncated)), DnsFailureKind.Unreachable, HostileSuite.Long) { Also = Says("truncated and TCP failed") },
        Truncated("truncated, then TCP silent after the query", SilenceAfterAccept(LengthPrefixed), DnsFailureKind.Timeout, HostileSuite.Discarding, "timed out"),
        Truncated("truncated, then TCP reset after accept", ResetAfterAccept, DnsFailureKind.Unreachable, HostileSuite.Long, "reset"),
        Truncated("truncated, then TCP reset after the query", ResetAfterRequest(LengthPrefixed), DnsFailureKind.Unreachable, HostileSuite.Long, "reset"),
        Truncated("truncated, then TCP closed without answering", CloseAfterRequest(LengthPrefixed), DnsFailureKind.Malformed, HostileSuite.Long, "closed the TCP connection before a complete answer"),
        Truncated("truncated, then a TCP length prefix and a stall", AnnounceAndStall(LengthPrefixed, D.OverTcp(D.Valid), 2), DnsFailureKind.Timeout, HostileSuite.Discarding, "timed out"),
        Truncated("truncated, then a TCP answer announced, half sent, closed", TruncateAndClose(LengthPrefixed, D.OverTcp(D.Valid), 20), DnsFailureKind.Malformed, HostileSuite.Long, "closed the TCP connection before a complete answer"),
        Truncated("truncated, then 64 KiB of junk over TCP", Answer(LengthPrefixed, D.OverTcp(D.HugeJunk)), DnsFailureKind.Malformed, HostileSuite.Long, "not a valid DNS message"),
        Truncated("truncated, then a TCP answer trickled past the deadline", StreamBehaviours.Trickle(LengthPrefixed, D.OverTcp(D.Valid), Crawl), DnsFailureKind.Timeout, HostileSuite.Discarding, "timed out"),
        Truncated("truncated, then a TCP answer with another id", Answer(LengthPrefixed, D.OverTcp(D.OtherId)), DnsFailureKind.Malformed, HostileSuite.Long, "another query's id"),
        Truncated("truncated, then a TCP answer to another question", Answer(LengthPrefixed, D.OverTcp(D.OtherQuestion)), DnsFailureKind.Malformed, HostileSuite.Long, "another question"),
        Truncated("control: truncated, then a valid TCP answer and an orderly close", Answer(LengthPrefixed, D.OverTcp(D.Valid)), DnsFailureKind.None, HostileSuite.Long, "over TCP", ClientEnd.Closed),
        Truncated("control: truncated, then a trickled valid TCP answer", StreamBehaviours.Trickle(LengthPrefixed, D.OverTcp(D.Valid), Pause), DnsFailureKind.None, HostileSuite.Long, "over TCP"),
        Truncated("control: truncated, then a valid TCP answer from a server that never closes", NeverClose(LengthPrefixed, D.OverTcp(D.Valid)), DnsFailureKind.None, HostileSuite.Long, "over TCP"),
    };

    [Theory]
    [MemberData(nameof(UdpNames))]
    public Task Udp(string name) => RunAsync(UdpCases.Single(c => c.Name == name));

    [Theory]
    [MemberData(nameof(TcpNames))]
    public Task Tcp(string name) => RunAsync(TcpCases.Single(c => c.Name == name));

    /// <summary>Only invalid answers came, for the whole time: Malformed at the deadline (the resolver is there, and broken), not Timeout.</summary>
    private static DnsCase Invalid(string name, UdpBehaviour behaviour, string says) =>
        new(name, () => new HostileUdpServer(behaviour), DnsFailureKind.Malformed, HostileSuite.Discarding) { Also = Says(says) };

    /// <summary>A truncated UDP answer, then <paramref name="tcp"/> on the same port; the client must have gone to TCP once, and ended it as <paramref name="end"/> when given.</summary>
    private static DnsCase Truncated(string name, StreamBehaviour tcp, DnsFailureKind expected, TimeSpan timeout, string says, ClientEnd? end = null) =>
        new(name, () => new HostileUdpTcpServer(U.Answer(D.Truncated), tcp), expected, timeout)
        {
            Also = (answer, server) =>
            {
                Says(says)(answer, server);
                var stream = ((HostileUdpTcpServer)server).Stream;
                Assert.Equal(1, stream.Accepted);
                if (end is ClientEnd expectedEnd)
                {
                    Assert.Equal(new[] { expectedEnd }, stream.Ends);
                }
            },
        };

    private static Action<DnsAnswer, IHostileServer> Says(string text) => (answer, _) => Assert.Contains(text, answer.Detail, StringComparison.Ordinal);

    private static Task<DnsAnswer> RunAsync(DnsCase hostile) =>
        HostileSuite.RunAsync(hostile.Name, hostile.Start, hostile.Timeout, Query, TimeSpan.Zero, answer => AssertVerdict(hostile, answer), hostile.Also);

    /// <summary>The case's kind; records (the valid answer's address, nothing else) only when the case expects an answer.</summary>
    private static void AssertVerdict(DnsCase hostile, DnsAnswer answer)
    {
        var described = hostile.Name + ": " + answer.Failure + ": " + answer.Detail + " Attempts: " + string.Join("; ", answer.Attempts);
        Assert.True(answer.Failure == hostile.Expected, "Expected " + hostile.Expected + "; " + described);
        Assert.False(string.IsNullOrWhiteSpace(answer.Detail), described);
        if (hostile.Expected == DnsFailureKind.None)
        {
            Assert.Equal(new[] { D.Address }, answer.Records.Select(r => Assert.IsType<ARecord>(r).Address));
        }
        else
        {
            Assert.True(answer.Records.Count == 0, described);
        }
    }

    /// <summary>One question to the server alone, which has the case's timeout as its own and as the deadline.</summary>
    private static Task<DnsAnswer> Query(string server, TrackedSockets sockets, TimeSpan timeout) =>
        new DnsClient(new[] { IPEndPoint.Parse(server) }, sockets.OpenDatagram, sockets.OpenStream, SystemClock.Instance, NullEngineLog.Instance, timeout)
            .QueryAsync(D.Name, DnsType.A, SystemClock.Instance.Elapsed + timeout, CancellationToken.None);

    /// <summary>One row of the DNS suite: like <see cref="HostileCase"/>, with the client's own failure kind and an explicit timeout.</summary>
    private sealed record DnsCase(string Name, Func<IHostileServer> Start, DnsFailureKind Expected, TimeSpan Timeout)
    {
        public Action<DnsAnswer, IHostileServer>? Also { get; init; }
    }
}
