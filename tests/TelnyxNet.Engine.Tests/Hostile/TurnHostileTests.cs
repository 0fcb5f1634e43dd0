using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using T = TelnyxNet.Engine.Tests.Hostile.TurnAnswers;
using U = TelnyxNet.Engine.Tests.Hostile.UdpBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>Test-TelnyxTurn's probe against scripted hostile TURN servers over UDP and TCP (see <see cref="HostileSuite"/>): redirect and challenge loops, bad alternates, errors that must not be blamed on the credential.</summary>
public sealed class TurnHostileTests
{
    internal static readonly RetransmissionPolicy Rto100 = new(TimeSpan.FromMilliseconds(100), 7, 16);

    public static TheoryData<string> UdpNames => HostileSuite.Names(UdpCases);

    public static TheoryData<string> TcpNames => HostileSuite.Names(TcpCases);

    internal static IReadOnlyList<HostileCase> UdpCases { get; } = new[]
    {
        new HostileCase("silence", () => new HostileUdpServer(U.Silent), FailureReason.Timeout),
        new HostileCase("garbage", () => new HostileUdpServer(U.Answer(StunAnswers.Garbage)), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("challenge loop: a fresh 401 to every request", () => new HostileUdpServer(U.Answer(T.EndlessChallenge)), FailureReason.AuthenticationFailed)
        {
            Also = (_, s) => Assert.Equal(2, ((HostileUdpServer)s).Distinct),
        },
        new HostileCase("stale-nonce loop: 438 to every authenticated request", () => new HostileUdpServer(U.Answer(T.AfterChallenge(438, "Stale Nonce"))), FailureReason.ErrorResponse)
        {
            Also = (_, s) => Assert.Equal(3, ((HostileUdpServer)s).Distinct),
        },
        new HostileCase("a 401 without REALM and NONCE", () => new HostileUdpServer(U.Answer(T.ChallengeWithoutRealm)), FailureReason.ErrorResponse)
        {
            Also = (r, _) => AssertNoCredentialAdvice(r, "no REALM and NONCE"),
        },
        new HostileCase("440 Address Family not Supported", () => new HostileUdpServer(U.Answer(T.AfterChallenge(440, "Address Family not Supported"))), FailureReason.ErrorResponse)
        {
            Also = (r, _) => AssertNoCredentialAdvice(r, "address family"),
        },
        RedirectCase("redirect loop: to itself", self => self, "redirect loop"),
        RedirectCase("redirect to port 0", self => new IPEndPoint(self.Address, 0), "port 0"),
        RedirectCase("redirect to the unspecified address", self => new IPEndPoint(IPAddress.Any, self.Port), "unspecified address"),
        RedirectCase("redirect to another address family", self => new IPEndPoint(IPAddress.IPv6Loopback, self.Port), "address family"),
        new HostileCase("redirect ping-pong between two servers", PingPong, FailureReason.ErrorResponse)
        {
            Also = (r, _) => Assert.Contains("one redirect only", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("redirect to a silent alternate", RedirectToSilent, FailureReason.Timeout)
        {
            Also = (r, s) => AssertBlamesTheAlternate(r, (HostileServers)s),
        },
    };

    internal static IReadOnlyList<HostileCase> TcpCases { get; } = new[]
    {
        new HostileCase("silence after accept", () => new HostileStreamServer(SilenceAfterAccept(StunFrame)), FailureReason.Timeout)
        {
            Also = (r, _) =>
            {
                Assert.Contains("connected", r.Remediation, StringComparison.Ordinal);
                Assert.DoesNotContain("drops", r.Remediation, StringComparison.Ordinal);
            },
        },
        new HostileCase("reset after the request", () => new HostileStreamServer(ResetAfterRequest(StunFrame)), FailureReason.ConnectionReset),
        new HostileCase("length not a multiple of 4", () => new HostileStreamServer(Answer(StunFrame, StunAnswers.LengthNotMultipleOf4)), FailureReason.ProtocolError),
        new HostileCase("endless stream of other transactions", () => new HostileStreamServer(Endless(StunFrame, StunAnswers.WrongId)), FailureReason.Timeout),
        new HostileCase("challenge loop: a fresh 401 to every request", () => new HostileStreamServer(AnswerEach(StunFrame, T.EndlessChallenge)), FailureReason.AuthenticationFailed),
        new HostileCase("a 401 without REALM and NONCE, then an orderly close", () => new HostileStreamServer(AnswerEach(StunFrame, T.ChallengeWithoutRealm)), FailureReason.ErrorResponse)
        {
            Also = (r, s) =>
            {
                AssertNoCredentialAdvice(r, "no REALM and NONCE");
                Assert.Equal(new[] { ClientEnd.Closed }, ((HostileStreamServer)s).Ends);
            },
        },
    };

    [Theory]
    [MemberData(nameof(UdpNames))]
    public Task Udp(string name) => HostileSuite.RunAsync(HostileSuite.Find(UdpCases, name), Probe("?transport=udp"));

    [Theory]
    [MemberData(nameof(TcpNames))]
    public Task Tcp(string name) => HostileSuite.RunAsync(HostileSuite.Find(TcpCases, name), Probe("?transport=tcp"));

    private static HostileCase RedirectCase(string name, Func<IPEndPoint, IPEndPoint> alternate, string why) =>
        new(name, () => SelfRedirecting(alternate), FailureReason.ErrorResponse)
        {
            Also = (r, s) =>
            {
                Assert.Contains("not followed", r.Message, StringComparison.Ordinal);
                Assert.Contains(why, r.Message, StringComparison.Ordinal);
                Assert.Equal(1, ((HostileUdpServer)s).Distinct);
                Assert.DoesNotContain("password", r.Remediation, StringComparison.Ordinal);
            },
        };

    /// <summary>A server whose 300 names <paramref name="alternate"/> of its own end point.</summary>
    private static IHostileServer SelfRedirecting(Func<IPEndPoint, IPEndPoint> alternate)
    {
        IPEndPoint? self = null;
        var server = new HostileUdpServer(U.Answer(request => T.Redirect(alternate(self!))(request)));
        self = server.EndPoint;
        return server;
    }

    private static IHostileServer PingPong()
    {
        IPEndPoint? first = null;
        var second = new HostileUdpServer(U.Answer(request => T.Redirect(first!)(request)));
        var one = new HostileUdpServer(U.Answer(T.Redirect(second.EndPoint)));
        first = one.EndPoint;
        return new HostileServers(one, second);
    }

    private static IHostileServer RedirectToSilent()
    {
        var silent = new HostileUdpServer(U.Silent);
        return new HostileServers(new HostileUdpServer(U.Answer(T.Redirect(silent.EndPoint))), silent);
    }

    private static void AssertNoCredentialAdvice(IProbeResult result, string says)
    {
        Assert.Contains(says, result.Message + " " + result.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("password", result.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials are right", result.Remediation, StringComparison.Ordinal);
    }

    /// <summary>After a followed 300, the failure is the alternate's: the remediation names its port, not the first server's.</summary>
    private static void AssertBlamesTheAlternate(IProbeResult result, HostileServers servers)
    {
        var first = result.Port;
        Assert.Contains("alternate server", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(":" + first + " ", result.Remediation + " ", StringComparison.Ordinal);
        Assert.DoesNotContain(":" + first + ".", result.Remediation, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", result.Remediation, StringComparison.Ordinal);
        Assert.Equal(2, servers.Count);
    }

    private static Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> Probe(string query) => async (server, sockets, timeout) =>
        Assert.Single(await TurnAllocationProbe.RunAsync(
            new TurnAllocationOptions
            {
                Servers = new[] { TurnRun.Server("turn:" + server + query) },
                Credential = TurnCredential.TelnyxDefault,
                Timeout = timeout,
                CleanupTimeout = TimeSpan.FromMilliseconds(500),
                SkipRelayCheck = true,
                Retransmission = Rto100,
                OpenDatagramSocket = sockets.OpenDatagram,
                OpenStreamSocket = sockets.OpenStream,
                OpenPeerSocket = sockets.OpenPeer,
            },
            null,
            null,
            CancellationToken.None));
}
