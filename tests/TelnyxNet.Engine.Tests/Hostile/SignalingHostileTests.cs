using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using static TelnyxNet.Engine.Tests.Hostile.WebSocketBehaviours;
using H = TelnyxNet.Engine.Tests.Hostile.HttpAnswers;
using W = TelnyxNet.Engine.Tests.Hostile.WebSocketAnswers;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Test-TelnyxSignaling's probe against scripted hostile WebSocket servers (ws and wss) and HTTP
/// proxies (see <see cref="HostileSuite"/>): heads that are no HTTP, never end or trickle, a 101
/// that answers another key, frames that break RFC 6455's framing, servers that never answer a
/// Ping or the Close, endless frames, resets, proxies that refuse, lie or stall.
/// </summary>
public sealed class SignalingHostileTests
{
    /// <summary>The hold of every run: long enough for a broken frame sent after the 101 to arrive within it.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PongTimeout = TimeSpan.FromSeconds(1);

    /// <summary>What a signaling test takes after its set-up when every step waits its longest: the hold, the Pong waits of its first and last Ping, and the closing handshake.</summary>
    private static readonly TimeSpan ByDesign = Hold + PongTimeout + PongTimeout + new SignalingOptions().CloseTimeout;

    /// <summary>The target a proxy is asked to tunnel to: the proxy answers for it, so nothing listens there.</summary>
    private const string ProxiedTarget = "127.0.0.1:9";

    public static TheoryData<string> WsNames => HostileSuite.Names(WsCases);

    public static TheoryData<string> WssNames => HostileSuite.Names(WssCases);

    public static TheoryData<string> ProxyNames => HostileSuite.Names(ProxyCases);

    public static TheoryData<string> ProxyTlsNames => HostileSuite.Names(ProxyTlsCases);

    private static IReadOnlyList<HostileCase> WsCases { get; } = new[]
    {
        Case("garbage instead of HTTP", Answer(Head, H.Garbage), FailureReason.ProtocolError, "not with HTTP/1.1: 'SSH-2.0-OpenSSH_9.2'"),
        new HostileCase("silence after accept", () => new HostileStreamServer(SilenceAfterAccept(Head)), FailureReason.Timeout)
        {
            Also = (r, s) => Assert.Contains("The WebSocket upgrade with 127.0.0.1:" + Port(s) + " timed out", r.Message, StringComparison.Ordinal),
        },
        Case("a head trickled a byte at a time", StreamBehaviours.Trickle(Head, H.Text("HTTP/1.1 101 Switching Protocols\r\nX-Slow: " + new string('s', 1000)), TimeSpan.FromMilliseconds(50)), FailureReason.Timeout),
        Case("an endless head", H.EndlessHead("HTTP/1.1 200 OK"), FailureReason.ProtocolError, "more than 16 KiB"),
        Case("closed without answering", CloseAfterRequest(Head), FailureReason.ProtocolError, "closed the connection without answering"),
        Case("reset after the request", ResetAfterRequest(Head), FailureReason.Refused, "reset the connection before answering"),
        new HostileCase("101 with the accept key of another request", () => new HostileStreamServer(Answer(Head, W.WrongAccept)), FailureReason.ProtocolError)
        {
            Also = (r, _) =>
            {
                Assert.Contains("something on the path answered for the server", r.Message, StringComparison.Ordinal);
                Assert.Equal(101, Signaling(r).HttpStatusCode);
                Assert.Equal(0, Signaling(r).PingsSent);
            },
        },
        Case("101 without the Upgrade field", Answer(Head, W.WithoutUpgradeField), FailureReason.ProtocolError, "its Upgrade field is '(missing)'"),
        Case("101 with an extension that was not offered", Answer(Head, W.UpgradeWith("Sec-WebSocket-Extensions: permessage-deflate\r\n")), FailureReason.ProtocolError, "which this client did not offer"),
        new HostileCase("a web page instead of the upgrade", () => new HostileStreamServer(Answer(Head, H.Text("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))), FailureReason.UpgradeRejected)
        {
            Also = (r, _) => Assert.Equal(200, Signaling(r).HttpStatusCode),
        },
        Frame("a masked frame", new byte[] { 0x81, 0x82, 1, 2, 3, 4, 5, 6 }, "masked a frame"),
        Frame("a 2^63-byte frame announced", new byte[] { 0x82, 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, "announced a 9223372036854775807-byte frame"),
        Frame("an oversize frame announced (17 MiB)", new byte[] { 0x82, 127, 0, 0, 0, 0, 0x01, 0x10, 0, 0 }, "frames of at most 16 MiB"),
        Frame("a 64-bit length with its top bit set", new byte[] { 0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0 }, "most significant bit set"),
        Frame("a length not in its shortest form", new byte[] { 0x81, 126, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, "shortest form"),
        Frame("a 1-byte Close body", new byte[] { 0x88, 0x01, 0x03 }, "1-byte Close body"),
        Frame("a reserved opcode", new byte[] { 0x8F, 0x00 }, "reserved opcode 0xf"),
        Frame("RSV bits without an extension", new byte[] { 0xC1, 0x00 }, "set RSV bits"),
        Frame("a fragmented Ping", new byte[] { 0x09, 0x00 }, "fragmented Ping frame"),
        Frame("a 126-byte Ping", W.Frame(WebSocketOpcode.Ping, new byte[126]), "126-byte Ping frame"),
        Frame("a continuation outside a message", new byte[] { 0x80, 0x00 }, "continuation frame outside a fragmented message"),
        Frame("a new message inside a fragmented one", new byte[] { 0x01, 0x01, (byte)'a', 0x81, 0x01, (byte)'b' }, "inside a fragmented one"),
        new HostileCase("a frame cut off by the end of the stream", () => new HostileStreamServer(Upgraded(TruncateAndClose(Nothing, _ => W.Text("cut short"), 5))), FailureReason.ClosedEarly)
        {
            Also = (r, _) => Assert.Contains("in the middle of a frame", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("a reset after the 101", () => new HostileStreamServer(Upgraded(ResetAfter(TimeSpan.FromMilliseconds(300)))), FailureReason.ClosedEarly)
        {
            Also = (r, _) => Assert.Equal(1006, Signaling(r).CloseCode),
        },
        new HostileCase("a Close right after the 101", () => new HostileStreamServer(Answer(Head, W.UpgradeAnd(W.Close(1001)))), FailureReason.ClosedEarly)
        {
            Also = (r, _) => Assert.Equal(1001, Signaling(r).CloseCode),
        },
        new HostileCase("a first Ping answered and a later one lost", () => new HostileStreamServer(Upgraded(Answering(pongs: 1, answerClose: false))), FailureReason.ClosedEarly)
        {
            Also = (r, _) =>
            {
                Assert.Equal(1, Signaling(r).PingsAnswered);
                Assert.Contains("dropped the idle connection without closing it", r.Message, StringComparison.Ordinal);
                Assert.Null(Signaling(r).CloseCode);
            },
        },
        new HostileCase("no Pong and no Close ever: held, and said so", () => new HostileStreamServer(Upgraded(SilenceAfterAccept(Nothing))), FailureReason.None)
        {
            Also = (r, _) =>
            {
                var result = Signaling(r);
                Assert.Equal((2, 0), (result.PingsSent, result.PingsAnswered));
                Assert.Null(result.PingRoundTripMs);
                Assert.Contains("the server answered none of 2 Ping(s)", r.Message, StringComparison.Ordinal);
                Assert.Contains("did not answer the closing handshake", r.Message, StringComparison.Ordinal);
                Assert.Null(result.CloseCode);
            },
        },
        new HostileCase("Pongs, but a Close that never comes", () => new HostileStreamServer(Upgraded(Answering(int.MaxValue, answerClose: false))), FailureReason.None)
        {
            Also = (r, _) =>
            {
                Assert.Equal(2, Signaling(r).PingsAnswered);
                Assert.Contains("did not answer the closing handshake", r.Message, StringComparison.Ordinal);
            },
        },
        new HostileCase("an endless stream of messages: counted, and the hold still ends", () => new HostileStreamServer(Upgraded(Endless(Nothing, _ => W.Text("flood")))), FailureReason.None)
        {
            Also = (r, _) => Assert.True(Signaling(r).MessagesReceived > 10, r.Message),
        },
        new HostileCase("endless Pings from a server that reads nothing: the Pongs back up, the test still ends", () => new HostileStreamServer(Upgraded(Endless(Nothing, W.Ping))), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal(0, Signaling(r).PingsAnswered),
        },
        new HostileCase("a frame announced, then stalled: no Pong gets past it", () => new HostileStreamServer(Answer(Head, request => W.UpgradeAnd(W.Text(new string('x', 100)))(request).SkipLast(90).ToArray())), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal(0, Signaling(r).PingsAnswered),
        },
        new HostileCase("control: a fragmented message is one message", () => new HostileStreamServer(Then(Answer(Head, W.UpgradeAnd(W.Frame(WebSocketOpcode.Text, new[] { (byte)'a' }, fin: false), W.Frame(WebSocketOpcode.Continuation, new[] { (byte)'b' }))), Serving)), FailureReason.None)
        {
            Also = (r, _) => Assert.Equal(1, Signaling(r).MessagesReceived),
        },
        new HostileCase("control: a trickled 101, then a server that plays its part", () => new HostileStreamServer(Then(StreamBehaviours.Trickle(Head, W.Upgrade, TimeSpan.FromMilliseconds(2)), Serving)), FailureReason.None)
        {
            Also = (r, _) => SignalingRun.Succeeded(Signaling(r)),
        },
        new HostileCase("control: a server that plays its part, then an orderly close", () => new HostileStreamServer(Upgraded(Serving)), FailureReason.None)
        {
            Also = (r, s) =>
            {
                SignalingRun.Succeeded(Signaling(r));
                Assert.Equal(1000, Signaling(r).CloseCode);
                Assert.Equal(new[] { ClientEnd.Closed }, ((HostileStreamServer)s).Ends);
            },
        },
    };

    private static IReadOnlyList<HostileCase> WssCases { get; } = new[]
    {
        new HostileCase("no TLS on that port", () => new HostileStreamServer(SilenceAfterAccept(FirstBytes)), FailureReason.TlsFailure)
        {
            Also = (r, _) => Assert.Contains("no TLS on that port", r.Message, StringComparison.Ordinal),
        },
        Case("plain text answer to the handshake", Answer(FirstBytes, H.Garbage), FailureReason.TlsFailure),
        Tls("silence after the handshake", SilenceAfterAccept(Head), FailureReason.Timeout),
        Tls("garbage after the handshake", Answer(Head, H.Garbage), FailureReason.ProtocolError),
        Tls("101 with the accept key of another request", Answer(Head, W.WrongAccept), FailureReason.ProtocolError),
        Tls("a masked frame", Answer(Head, W.UpgradeAnd(new byte[] { 0x81, 0x82, 1, 2, 3, 4, 5, 6 })), FailureReason.ProtocolError),
        Tls("control: a server that plays its part", Upgraded(Serving), FailureReason.None),
    };

    private static IReadOnlyList<HostileCase> ProxyCases { get; } = new[]
    {
        new HostileCase("407 without a credential: the schemes the proxy offers", () => Proxy(Answer(Head, H.Text("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nProxy-Authenticate: Basic realm=\"corp, main\"\r\n\r\n"))), FailureReason.ProxyAuthenticationRequired)
        {
            Also = (r, s) =>
            {
                var result = Signaling(r);
                Assert.Equal(407, result.HttpStatusCode);
                Assert.Contains("requires authentication (407 Proxy Authentication Required); it offers Negotiate; NTLM; Basic realm=\"corp, main\"", r.Message, StringComparison.Ordinal);
                Assert.Contains("-ProxyCredential", r.Remediation, StringComparison.Ordinal);
                Assert.Equal("http://127.0.0.1:" + Port(s), result.ProxyUsed);
                Assert.Equal("Parameter", result.ProxySource);
                Assert.Null(result.TlsMs);
            },
        },
        new HostileCase("403: refused, with who answered", () => Proxy(Answer(Head, H.Text("HTTP/1.1 403 Forbidden\r\nServer: squid/5.7\r\nVia: 1.1 corp-proxy (squid/5.7)\r\n\r\n"))), FailureReason.ProxyRefused)
        {
            Also = (r, _) =>
            {
                Assert.Equal(403, Signaling(r).HttpStatusCode);
                Assert.Equal("Via: 1.1 corp-proxy (squid/5.7); Server: squid/5.7", Signaling(r).AnsweredBy);
                Assert.Contains("refused to open a tunnel to " + ProxiedTarget + ": 403 Forbidden", r.Message, StringComparison.Ordinal);
                Assert.Contains("allow CONNECT to " + ProxiedTarget, r.Remediation, StringComparison.Ordinal);
            },
        },
        new HostileCase("closed without answering CONNECT", () => Proxy(CloseAfterRequest(Head)), FailureReason.ProtocolError)
        {
            Also = (r, s) => Assert.Contains("The proxy 127.0.0.1:" + Port(s) + " closed the connection without answering", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("reset after CONNECT", () => Proxy(ResetAfterRequest(Head)), FailureReason.Refused),
        new HostileCase("garbage in answer to CONNECT", () => Proxy(Answer(Head, H.Garbage)), FailureReason.ProtocolError)
        {
            Also = (r, _) => Assert.Contains("not with HTTP/1.1", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("a never-ending header in answer to CONNECT", () => Proxy(H.EndlessHead("HTTP/1.1 200 Connection established")), FailureReason.ProtocolError)
        {
            Also = (r, _) => Assert.Contains("more than 16 KiB", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("a proxy that speaks before the server", () => Proxy(Answer(Head, H.Text("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"))), FailureReason.ProtocolError)
        {
            Also = (r, _) => Assert.Contains("sent 19 bytes after opening the tunnel", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("silence after CONNECT", () => Proxy(SilenceAfterAccept(Head)), FailureReason.Timeout)
        {
            Also = (r, s) => Assert.Contains("CONNECT through the proxy 127.0.0.1:" + Port(s) + " timed out", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("an answer to CONNECT trickled a byte at a time", () => Proxy(StreamBehaviours.Trickle(Head, H.Text(H.Established), TimeSpan.FromMilliseconds(100))), FailureReason.Timeout),
    };

    private static IReadOnlyList<HostileCase> ProxyTlsCases { get; } = new[]
    {
        new HostileCase("a tunnel that does not carry TLS (a captive portal)", () => Proxy(Then(Answer(Head, H.Text("HTTP/1.1 200 OK\r\n\r\n")), Answer(FirstBytes, H.Text("<html>captive portal</html>")))), FailureReason.TlsFailure)
        {
            Also = (r, _) => Assert.NotNull(Signaling(r).TunnelMs),
        },
        new HostileCase("a tunnel that stays silent", () => Proxy(Answer(Head, H.Text(H.Established))), FailureReason.TlsFailure)
        {
            Timeout = HostileSuite.Short,
            Also = (r, _) => Assert.Contains("no TLS on that port", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("control: a forwarding proxy to a server that plays its part", ForwardingToServer, FailureReason.None)
        {
            Also = (r, s) =>
            {
                var result = Signaling(r);
                SignalingRun.Succeeded(result);
                Assert.Equal("http://" + s.Server, result.ProxyUsed);
                Assert.NotNull(result.TunnelMs);
                Assert.False(result.TlsIntercepted);
                Assert.Contains("through the proxy " + s.Server, r.Message, StringComparison.Ordinal);
            },
        },
    };

    [Theory]
    [MemberData(nameof(WsNames))]
    public Task Ws(string name) => HostileSuite.RunAsync(HostileSuite.Find(WsCases, name), Probe(proxied: false, secure: false), ByDesign);

    [Theory]
    [MemberData(nameof(WssNames))]
    public Task Wss(string name) => HostileSuite.RunAsync(HostileSuite.Find(WssCases, name), Probe(proxied: false, secure: true), ByDesign);

    [Theory]
    [MemberData(nameof(ProxyNames))]
    public Task Proxied(string name) => HostileSuite.RunAsync(HostileSuite.Find(ProxyCases, name), Probe(proxied: true, secure: false), ByDesign);

    [Theory]
    [MemberData(nameof(ProxyTlsNames))]
    public Task ProxiedTls(string name) => HostileSuite.RunAsync(HostileSuite.Find(ProxyTlsCases, name), Probe(proxied: true, secure: true), ByDesign);

    private static HostileCase Case(string name, StreamBehaviour behaviour, FailureReason expected, string? says = null) =>
        new(name, () => new HostileStreamServer(behaviour), expected) { Also = says is null ? null : HostileSuite.Says(says) };

    private static HostileCase Tls(string name, StreamBehaviour behaviour, FailureReason expected) =>
        new(name, () => new HostileStreamServer(behaviour, HostileSuite.Pki.Value.ServerCertificate()), expected);

    /// <summary>A broken <paramref name="frame"/> right after a valid 101, in a write of its own: a ProtocolError that names the rule.</summary>
    private static HostileCase Frame(string name, byte[] frame, string says) =>
        Case(name, Upgraded(Answer(Nothing, _ => frame)), FailureReason.ProtocolError, says);

    private static IHostileServer Proxy(StreamBehaviour behaviour) => new HostileStreamServer(behaviour);

    /// <summary>A proxy that tunnels every CONNECT to a TLS WebSocket server of its own that plays its part.</summary>
    private static IHostileServer ForwardingToServer()
    {
        var upstream = new HostileStreamServer(Upgraded(Serving), HostileSuite.Pki.Value.ServerCertificate());
        return new HostileServers(new HostileStreamServer(H.Forwarding(_ => upstream.EndPoint)), upstream);
    }

    private static int Port(IHostileServer server) => ((HostileStreamServer)server).EndPoint.Port;

    private static SignalingResult Signaling(IProbeResult result) => (SignalingResult)result;

    private static Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> Probe(bool proxied, bool secure) => async (server, sockets, timeout) =>
    {
        var scheme = secure ? "wss://" : "ws://";
        var setup = SignalingRun.Direct with
        {
            Timeout = timeout,
            Hold = Hold,
            PongTimeout = PongTimeout,
            Trust = CertificateTrust.WithRoots(new[] { HostileSuite.Pki.Value.Authority }, new[] { HostileSuite.Pki.Value.Authority }),
            Proxy = proxied ? new Uri("http://" + server + "/") : null,
            OpenStreamSocket = sockets.OpenStream,
        };
        return await SignalingRun.OneAsync(setup, scheme + (proxied ? ProxiedTarget : server) + "/");
    };
}
