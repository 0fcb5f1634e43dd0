using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;
using A = TelnyxNet.Engine.Tests.Hostile.StunAnswers;
using U = TelnyxNet.Engine.Tests.Hostile.UdpBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>Test-TelnyxStun's probe over UDP, TCP and TLS against scripted hostile servers (see <see cref="HostileSuite"/>).</summary>
public sealed class StunHostileTests
{
    private static readonly TimeSpan Trickle = TimeSpan.FromMilliseconds(5);
    private static readonly RetransmissionPolicy Rto100 = new(TimeSpan.FromMilliseconds(100), 7, 16);

    public static TheoryData<string> UdpNames => HostileSuite.Names(UdpCases);

    public static TheoryData<string> TcpNames => HostileSuite.Names(TcpCases);

    public static TheoryData<string> TlsNames => HostileSuite.Names(TlsCases);

    private static IReadOnlyList<HostileCase> UdpCases { get; } = new[]
    {
        new HostileCase("garbage", () => new HostileUdpServer(U.Answer(A.Garbage)), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("wrong transaction id", () => new HostileUdpServer(U.Answer(A.WrongId)), FailureReason.Timeout),
        new HostileCase("spoofed source", () => new HostileUdpServer(U.FromElsewhere(A.Success)), FailureReason.Timeout),
        new HostileCase("truncated attribute", () => new HostileUdpServer(U.Answer(A.Truncated)), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("oversize datagram of junk", () => new HostileUdpServer(U.Answer(A.Oversize(A.MaxDatagramBody))), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("length not a multiple of 4", () => new HostileUdpServer(U.Answer(A.LengthNotMultipleOf4)), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("the request echoed", () => new HostileUdpServer(U.Answer(A.Echo)), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("endless stream of other transactions", () => new HostileUdpServer(U.Flood(A.WrongId)), FailureReason.Timeout),
        new HostileCase("silence", () => new HostileUdpServer(U.Silent), FailureReason.Timeout),
        new HostileCase("control: a broken answer, then a valid one", () => new HostileUdpServer(U.Sequence(TimeSpan.FromMilliseconds(2), A.Truncated, A.Success)), FailureReason.None),
    };

    private static IReadOnlyList<HostileCase> TcpCases { get; } = new[]
    {
        new HostileCase("garbage", () => new HostileStreamServer(Answer(StunFrame, A.Garbage)), FailureReason.ProtocolError),
        new HostileCase("length not a multiple of 4", () => new HostileStreamServer(Answer(StunFrame, A.LengthNotMultipleOf4)), FailureReason.ProtocolError),
        new HostileCase("wrong transaction id", () => new HostileStreamServer(Answer(StunFrame, A.WrongId)), FailureReason.Timeout)
        {
            Timeout = HostileSuite.Discarding,
            Also = (r, _) => Assert.Contains("other transactions", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("truncated, then closed", () => new HostileStreamServer(TruncateAndClose(StunFrame, A.Success, 10)), FailureReason.ProtocolError),
        new HostileCase("frame announced, then stalled", () => new HostileStreamServer(AnnounceAndStall(StunFrame, A.Success, 24)), FailureReason.Timeout)
        {
            Also = (r, _) => Assert.Contains("announced", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("oversize frame of junk", () => new HostileStreamServer(Answer(StunFrame, A.Oversize(A.MaxStreamBody))), FailureReason.ProtocolError) { Timeout = HostileSuite.Discarding },
        new HostileCase("endless stream of other transactions", () => new HostileStreamServer(Endless(StunFrame, A.WrongId)), FailureReason.Timeout),
        new HostileCase("silence after accept", () => new HostileStreamServer(SilenceAfterAccept(StunFrame)), FailureReason.Timeout)
        {
            Also = (r, _) => AssertConnectedAdvice(r),
        },
        new HostileCase("reset after accept", () => new HostileStreamServer(ResetAfterAccept), FailureReason.ConnectionReset),
        new HostileCase("reset after the request", () => new HostileStreamServer(ResetAfterRequest(StunFrame)), FailureReason.ConnectionReset),
        new HostileCase("control: a trickled valid answer", () => new HostileStreamServer(StreamBehaviours.Trickle(StunFrame, A.Success, Trickle)), FailureReason.None),
        new HostileCase("control: a valid answer from a server that never closes", () => new HostileStreamServer(NeverClose(StunFrame, A.Success)), FailureReason.None),
        new HostileCase("control: a valid answer, then an orderly close", () => new HostileStreamServer(Answer(StunFrame, A.Success)), FailureReason.None)
        {
            Also = (_, s) => Assert.Equal(new[] { ClientEnd.Closed }, ((HostileStreamServer)s).Ends),
        },
    };

    [Theory]
    [MemberData(nameof(UdpNames))]
    public Task Udp(string name) => HostileSuite.RunAsync(HostileSuite.Find(UdpCases, name), Probe(TransportProtocol.Udp));

    [Theory]
    [MemberData(nameof(TcpNames))]
    public Task Tcp(string name) => HostileSuite.RunAsync(HostileSuite.Find(TcpCases, name), Probe(TransportProtocol.Tcp));

    [Theory]
    [MemberData(nameof(TlsNames))]
    public Task Tls(string name) => HostileSuite.RunAsync(HostileSuite.Find(TlsCases, name), Probe(TransportProtocol.Tls));

    [Fact]
    public async Task A_TCP_frame_length_that_is_no_multiple_of_4_is_a_protocol_error_at_once_not_at_the_timeout()
    {
        var hostile = new HostileCase("length not a multiple of 4, 60 s timeout", () => new HostileStreamServer(Answer(StunFrame, A.LengthNotMultipleOf4)), FailureReason.ProtocolError)
        {
            Timeout = TimeSpan.FromSeconds(60),
            Also = (r, _) => Assert.Contains("not a multiple of 4", r.Message, StringComparison.Ordinal),
        };

        // The bound is a minute and the test passes only if the reason is ProtocolError: waiting for the rest of the frame would end in Timeout.
        await HostileSuite.RunAsync(hostile, Probe(TransportProtocol.Tcp));
    }

    private static void AssertConnectedAdvice(IProbeResult result)
    {
        Assert.Contains("connected", result.Message, StringComparison.Ordinal);
        Assert.Contains("connected", result.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("drops", result.Remediation, StringComparison.Ordinal);
    }

    private static IReadOnlyList<HostileCase> TlsCases { get; } = new[]
    {
        new HostileCase("no TLS on that port", () => new HostileStreamServer(SilenceAfterAccept(FirstBytes)), FailureReason.TlsFailure)
        {
            Also = (r, _) => Assert.Contains("no TLS on that port", r.Message, StringComparison.Ordinal),
        },
        new HostileCase("plain text answer to the handshake", () => new HostileStreamServer(Answer(FirstBytes, A.Garbage)), FailureReason.TlsFailure),
        new HostileCase("silence after the handshake", () => new HostileStreamServer(SilenceAfterAccept(StunFrame), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.Timeout)
        {
            Also = (r, _) => AssertConnectedAdvice(r),
        },
        new HostileCase("garbage after the handshake", () => new HostileStreamServer(Answer(StunFrame, A.Garbage), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.ProtocolError),
        new HostileCase("reset after the request", () => new HostileStreamServer(ResetAfterRequest(StunFrame), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.ConnectionReset),
        new HostileCase("control: a valid answer, then an orderly close", () => new HostileStreamServer(Answer(StunFrame, A.Success), HostileSuite.Pki.Value.ServerCertificate()), FailureReason.None)
        {
            Also = (_, s) => Assert.Equal(new[] { ClientEnd.Closed }, ((HostileStreamServer)s).Ends),
        },
    };

    private static Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> Probe(TransportProtocol transport) => async (server, sockets, timeout) =>
        Assert.Single(await StunBindingProbe.RunAsync(
            new StunBindingOptions
            {
                Servers = new[] { ProbeRun.Server(server, transport) },
                Timeout = timeout,
                Retransmission = Rto100,
                CertificateValidation = HostileSuite.Pki.Value.TrustTestCa,
                OpenDatagramSocket = sockets.OpenDatagram,
                OpenStreamSocket = sockets.OpenStream,
            },
            null,
            null,
            CancellationToken.None));
}
