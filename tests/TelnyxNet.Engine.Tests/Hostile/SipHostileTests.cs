using System.Diagnostics;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using S = TelnyxNet.Engine.Tests.Hostile.SipAnswers;
using U = TelnyxNet.Engine.Tests.Hostile.UdpBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Test-TelnyxSip's probe over UDP, TCP and TLS against scripted hostile SIP servers (see
/// <see cref="HostileSuite"/>): garbage, answers of other transactions (branch, Call-ID, CSeq),
/// headers that never end, Content-Length that lies or is missing, 1xx for ever, silence, resets,
/// trickled and stalled answers; and the final answers that prove a proxy reachable.
/// </summary>
public sealed class SipHostileTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(2);

    public static TheoryData<string> UdpNames => HostileSuite.Names(UdpCases);

    public static TheoryData<string> TcpNames => HostileSuite.Names(TcpCases);

    public static TheoryData<string> TlsNames => HostileSuite.Names(TlsCases);

    private static IReadOnlyList<HostileCase> UdpCases { get; } = new[]
    {
        new HostileCase("silence", () => new HostileUdpServer(U.Silent), FailureReason.Timeout),
        OverUdp("an HTTP answer", U.Answer(S.Http), FailureReason.ProtocolError, "not a SIP/2.0 status line"),
        OverUdp("binary garbage", U.Answer(S.Binary), FailureReason.ProtocolError, "not with a SIP response"),
        OverUdp("the request echoed", U.Answer(S.Echo), FailureReason.ProtocolError, "not a response"),
        OverUdp("an answer of another transaction (branch and Call-ID)", U.Answer(S.OtherTransaction), FailureReason.ProtocolError, "another request"),
        OverUdp("an answer to another CSeq", U.Answer(S.OtherCSeq), FailureReason.ProtocolError, "another request"),
        OverUdp("a Content-Length longer than the body", U.Answer(S.ContentLength(500)), FailureReason.ProtocolError, "Content-Length 500 but only 0 body byte(s) came"),
        OverUdp("headers that never end", U.Answer(request => S.UnendingHeaders(request).Take(60000).ToArray()), FailureReason.ProtocolError, "no end of the header section"),
        new HostileCase("1xx for ever", () => new HostileUdpServer(U.Answer(S.Trying)), FailureReason.Timeout) { Also = HostileSuite.Says("provisional") },
        new HostileCase("an endless stream of 1xx", () => new HostileUdpServer(U.Flood(S.Trying)), FailureReason.Timeout),
        new HostileCase("spoofed source", () => new HostileUdpServer(U.FromElsewhere(S.Ok)), FailureReason.Timeout),
        new HostileCase("503: reachable, not serving", () => new HostileUdpServer(U.Answer(S.Final("503 Service Unavailable"))), FailureReason.ProxyUnavailable) { Also = HostileSuite.Says("503") },
        new HostileCase("control: garbage, then a valid answer", () => new HostileUdpServer(U.Sequence(Pause, S.Http, S.Ok)), FailureReason.None),
        new HostileCase("control: 100 Trying, then 200 OK", () => new HostileUdpServer(U.Sequence(Pause, S.Trying, S.Ok)), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal(200, Sip(r).StatusCode),
        },
        new HostileCase("control: no Content-Length (optional over UDP)", () => new HostileUdpServer(U.Answer(S.WithoutContentLength)), FailureReason.None),
        new HostileCase("control: a branch rewritten on the way, the same Call-ID (a SIP ALG)", () => new HostileUdpServer(U.Answer(S.RewrittenBranch)), FailureReason.None)
        {
            Also = (r, _) => Assert.True(Sip(r).AlgSuspected, r.Message),
        },
    };

    private static IReadOnlyList<HostileCase> TcpCases { get; } = new[]
    {
        new HostileCase("silence", () => new HostileStreamServer(SilenceAfterAccept(Head)), FailureReason.Timeout)
        {
            Also = (r, _) =>
            {
                Assert.Contains("timed out", r.Message, StringComparison.Ordinal);
                AssertConnectedAdvice(r);
            },
        },
        new HostileCase("reset after accept", () => new HostileStreamServer(ResetAfterAccept), FailureReason.ConnectionReset) { Also = (r, _) => AssertResetAdvice(r) },
        new HostileCase("reset after the request", () => new HostileStreamServer(ResetAfterRequest(Head)), FailureReason.ConnectionReset) { Also = (r, _) => AssertResetAdvice(r) },
        OverTcp("closed without answering", CloseAfterRequest(Head), FailureReason.ProtocolError, "closed the connection"),
        OverTcp("headers that never end", Answer(Head, S.UnendingHeaders), FailureReason.ProtocolError, "without ending a SIP header section"),
        OverTcp("an endless stream of header lines", Then(Answer(Head, HttpAnswers.Text("SIP/2.0 200 OK\r\n")), Endless(Nothing, S.EndlessLine)), FailureReason.ProtocolError, "without ending a SIP header section"),
        OverTcp("an answer trickled and never finished", StreamBehaviours.Trickle(Head, request => S.Ok(request).SkipLast(4).ToArray(), TimeSpan.FromMilliseconds(100)), FailureReason.Timeout, "timed out"),
        OverTcp("no Content-Length (required over a stream)", Answer(Head, S.WithoutContentLength), FailureReason.ProtocolError, "Content-Length"),
        OverTcp("a huge body announced", Answer(Head, S.ContentLength(900000)), FailureReason.ProtocolError, "more than the"),
        OverTcp("a body announced, then stalled", Answer(Head, S.ContentLength(100)), FailureReason.Timeout, "timed out"),
        OverTcp("a body announced, then closed", TruncateAndClose(Head, S.ContentLength(100), int.MaxValue), FailureReason.ProtocolError, "closed the connection before a complete SIP response"),
        OverTcp("an answer to another CSeq", Answer(Head, S.OtherCSeq), FailureReason.ProtocolError, "another request"),
        OverTcp("an answer of another transaction (branch and Call-ID)", Answer(Head, S.OtherTransaction), FailureReason.ProtocolError, "another request"),
        OverTcp("an HTTP answer", Answer(Head, S.Http), FailureReason.ProtocolError, "not a SIP response"),
        OverTcp("binary garbage", Answer(Head, S.Binary), FailureReason.ProtocolError, "not a SIP response"),
        OverTcp("1xx for ever", Endless(Head, S.Trying), FailureReason.Timeout, "timed out"),
        OverTcp("503: reachable, not serving", Answer(Head, S.Final("503 Service Unavailable")), FailureReason.ProxyUnavailable, "503"),
        Final("403 Forbidden"),
        Final("404 Not Found"),
        Final("405 Method Not Allowed"),
        Final("407 Proxy Authentication Required"),
        Final("483 Too Many Hops"),
        Final("501 Not Implemented"),
        new HostileCase("control: 100 Trying and 200 OK in one write are both read", () => new HostileStreamServer(Answer(Head, S.TryingThenOk)), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal(200, Sip(r).StatusCode),
        },
        new HostileCase("control: a trickled valid answer", () => new HostileStreamServer(StreamBehaviours.Trickle(Head, S.Ok, Pause)), FailureReason.None),
        new HostileCase("control: a valid answer from a server that never closes", () => new HostileStreamServer(NeverClose(Head, S.Ok)), FailureReason.None),
        new HostileCase("control: a valid answer, then an orderly close", () => new HostileStreamServer(Answer(Head, S.Ok)), FailureReason.None)
        {
            Also = (_, s) => Assert.Equal(new[] { ClientEnd.Closed }, ((HostileStreamServer)s).Ends),
        },
    };

    private static IReadOnlyList<HostileCase> TlsCases { get; } = new[]
    {
        new HostileCase("no TLS on that port", () => new HostileStreamServer(SilenceAfterAccept(FirstBytes)), FailureReason.TlsFailure) { Also = HostileSuite.Says("no TLS on that port") },
        new HostileCase("plain text answer to the handshake", () => new HostileStreamServer(Answer(FirstBytes, S.Http)), FailureReason.TlsFailure),
        new HostileCase("silence after the handshake", () => new HostileStreamServer(SilenceAfterAccept(Head), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.Timeout) { Also = (r, _) => AssertConnectedAdvice(r) },
        new HostileCase("reset after the request", () => new HostileStreamServer(ResetAfterRequest(Head), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.ConnectionReset),
        OverTls("garbage after the handshake", Answer(Head, S.Http), FailureReason.ProtocolError),
        OverTls("control: a valid answer, then an orderly close", Answer(Head, S.Ok), FailureReason.None),
    };

    [Theory]
    [MemberData(nameof(UdpNames))]
    public Task Udp(string name) => HostileSuite.RunAsync(HostileSuite.Find(UdpCases, name), Probe("udp"));

    [Theory]
    [MemberData(nameof(TcpNames))]
    public Task Tcp(string name) => HostileSuite.RunAsync(HostileSuite.Find(TcpCases, name), Probe("tcp"));

    [Theory]
    [MemberData(nameof(TlsNames))]
    public Task Tls(string name) => HostileSuite.RunAsync(HostileSuite.Find(TlsCases, name), Probe("tls"));

    [Fact]
    public async Task Cancellation_ends_DNS_and_every_transaction_at_once()
    {
        using var silentDns = new HostileUdpServer(U.Silent);
        using var silentSip = new HostileStreamServer(SilenceAfterAccept(Head));
        Assert.True(SipServerAddress.TryParse("sip:sip.lab.test", out var name, out _));
        Assert.True(SipServerAddress.TryParse("sip:" + silentSip.Server + ";transport=tcp", out var literal, out _));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SipOptionsProbe.RunAsync(
            new SipOptionsOptions { Servers = new[] { name!, literal! }, DnsServers = new[] { silentDns.EndPoint }, Timeout = TimeSpan.FromSeconds(30) },
            null,
            null,
            cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
    }

    /// <summary>TCP connected, so the advice says so and blames no firewall that drops TCP (issue 13's rule for every stream probe).</summary>
    private static void AssertConnectedAdvice(IProbeResult result)
    {
        Assert.Contains("connected", result.Message, StringComparison.Ordinal);
        Assert.Contains("connected", result.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("drops", result.Remediation, StringComparison.Ordinal);
    }

    /// <summary>A reset after TCP connected is the far side cutting the flow, not a firewall refusing it.</summary>
    private static void AssertResetAdvice(IProbeResult result)
    {
        Assert.Contains("connected, then the connection was reset", result.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", result.Remediation, StringComparison.Ordinal);
    }

    private static HostileCase OverUdp(string name, UdpBehaviour behaviour, FailureReason expected, string says) =>
        new(name, () => new HostileUdpServer(behaviour), expected) { Timeout = HostileSuite.Discarding, Also = HostileSuite.Says(says) };

    private static HostileCase OverTcp(string name, StreamBehaviour behaviour, FailureReason expected, string says) =>
        new(name, () => new HostileStreamServer(behaviour), expected) { Also = HostileSuite.Says(says) };

    private static HostileCase OverTls(string name, StreamBehaviour behaviour, FailureReason expected) =>
        new(name, () => new HostileStreamServer(behaviour, HostileSuite.Pki.Value.ServerCertificate()), expected);

    /// <summary>Any final answer but the failover codes (408, 480, 503, 504) proves the proxy reachable: Succeeded, with its code and phrase.</summary>
    private static HostileCase Final(string status) =>
        new("control: " + status + " proves the proxy reachable", () => new HostileStreamServer(Answer(Head, S.Final(status))), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal((int.Parse(status.Substring(0, 3)), status.Substring(4)), (Sip(r).StatusCode, Sip(r).ReasonPhrase)),
        };

    private static SipOptionsResult Sip(IProbeResult result) => (SipOptionsResult)result;

    private static Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> Probe(string transport) => async (server, sockets, timeout) =>
    {
        Assert.True(SipServerAddress.TryParse("sip:" + server + ";transport=" + transport, out var parsed, out var error), error);
        return Assert.Single(await SipOptionsProbe.RunAsync(
            new SipOptionsOptions
            {
                Servers = new[] { parsed! },
                Timeout = timeout,
                DnsServers = Array.Empty<IPEndPoint>(),
                CertificateValidation = HostileSuite.Pki.Value.TrustTestCa,
                OpenDatagramSocket = sockets.OpenDatagram,
                OpenStreamSocket = sockets.OpenStream,
            },
            new CollectingLog(),
            null,
            CancellationToken.None));
    };
}
