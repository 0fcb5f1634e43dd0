using System.Diagnostics;
using System.Net.Security;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>How the real probe path classifies broken servers on loopback: nothing listening, silence, garbage, errors, the wrong protocol, cancellation.</summary>
public sealed class LoopbackFailureTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    /// <summary>RTO 200 ms: transmissions at 0, 0.2, 0.6 and 1.4 s, so a 1.5 s timeout sees three retransmissions.</summary>
    private static readonly RetransmissionPolicy FastRto = new(TimeSpan.FromMilliseconds(200), 7, 16);

    private static readonly byte[] HttpAnswer = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public async Task Reports_refused_at_once_for_a_UDP_port_where_nothing_listens()
    {
        var options = Options(TransportProtocol.Udp, "127.0.0.1:" + FreePorts.Closed(), TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();

        var result = await ProbeRun.OneAsync(options);

        ProbeRun.AssertFailed(result, FailureReason.Refused);
        Assert.True(result.Retransmissions <= 1, "Retransmissions: " + result.Retransmissions);
        Assert.True(watch.Elapsed < options.Timeout / 2, "ICMP port unreachable should end the test long before the " + options.Timeout.TotalSeconds + " s timeout; it took " + watch.Elapsed);
    }

    [Fact]
    public async Task Reports_refused_for_a_TCP_port_where_nothing_listens()
    {
        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Tcp, "127.0.0.1:" + FreePorts.Closed(), TimeSpan.FromSeconds(20)));

        ProbeRun.AssertFailed(result, FailureReason.Refused);
    }

    [Fact]
    public async Task Reports_a_timeout_with_retransmissions_when_the_server_stays_silent()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Silent);
        var options = Options(TransportProtocol.Udp, server.Server, TimeSpan.FromSeconds(1.5), FastRto);
        var watch = Stopwatch.StartNew();

        var result = await ProbeRun.OneAsync(options);

        Assert.True(watch.Elapsed < options.Timeout + Grace, "took " + watch.Elapsed);
        ProbeRun.AssertFailed(result, FailureReason.Timeout);
        Assert.Equal(1, result.Sent);
        Assert.True(result.Retransmissions >= 2, "Retransmissions: " + result.Retransmissions);
        await Eventually.True(() => server.Received == 1 + result.Retransmissions, "the silent server has seen every transmission (" + server.Received + " of " + (1 + result.Retransmissions) + ")");
    }

    [Fact]
    public async Task Reports_a_protocol_error_when_the_server_answers_garbage()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(_ => Encoding.ASCII.GetBytes("this is not a STUN message at all")));
        var options = Options(TransportProtocol.Udp, server.Server, TimeSpan.FromSeconds(1.5), FastRto);
        var watch = Stopwatch.StartNew();

        var result = await ProbeRun.OneAsync(options);

        Assert.True(watch.Elapsed < options.Timeout + Grace, "took " + watch.Elapsed);
        ProbeRun.AssertFailed(result, FailureReason.ProtocolError);
        Assert.Contains("Malformed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_protocol_error_for_a_truncated_answer_to_the_same_transaction()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(Truncated));

        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Udp, server.Server, TimeSpan.FromSeconds(3), FastRto));

        ProbeRun.AssertFailed(result, FailureReason.ProtocolError);
        Assert.Contains("Malformed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_the_code_of_a_STUN_error_response()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Answer(BadRequest));

        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Udp, server.Server, TimeSpan.FromSeconds(10)));

        ProbeRun.AssertFailed(result, FailureReason.ErrorResponse);
        Assert.Equal(400, result.ErrorCode);
        Assert.Contains("400", result.Message, StringComparison.Ordinal);
        Assert.Equal("TelnyxNet test server", result.ServerSoftware);
    }

    [Fact]
    public async Task Reports_a_protocol_error_when_a_TCP_server_speaks_another_protocol()
    {
        using var server = new HostileStreamServer(StreamBehaviours.Answer(StreamBehaviours.FirstBytes, _ => HttpAnswer));

        var result = await ProbeRun.OneAsync(Options(TransportProtocol.Tcp, server.Server, TimeSpan.FromSeconds(10)));

        ProbeRun.AssertFailed(result, FailureReason.ProtocolError);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Reports_a_TLS_failure_when_the_server_does_not_speak_TLS()
    {
        using var server = new HostileStreamServer(StreamBehaviours.Answer(StreamBehaviours.FirstBytes, _ => HttpAnswer));
        var options = Options(TransportProtocol.Tls, server.Server, TimeSpan.FromSeconds(10), validation: (_, _, _, _) => true);

        var result = await ProbeRun.OneAsync(options);

        ProbeRun.AssertFailed(result, FailureReason.TlsFailure);
        Assert.Empty(result.TlsProtocol);
    }

    [Fact]
    public async Task Cancellation_ends_the_run_and_its_retransmissions()
    {
        using var server = new HostileUdpServer(UdpBehaviours.Silent);
        using var cancel = new CancellationTokenSource();
        var options = Options(TransportProtocol.Udp, server.Server, TimeSpan.FromSeconds(30), new RetransmissionPolicy(TimeSpan.FromMilliseconds(250), 7, 16));

        var run = ProbeRun.AllAsync(options, cancel.Token);
        await Eventually.True(() => server.Received >= 1, "the first request reaches the silent server");
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(5)));
        var seen = server.Received;

        // A bounded quiet window: with RTO 250 ms, retransmissions were due at 0.25 and 0.75 s.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(seen, server.Received);
    }

    /// <summary>A Binding success with the request's transaction id whose XOR-MAPPED-ADDRESS claims 16 bytes and has none.</summary>
    private static byte[] Truncated(byte[] request)
    {
        var answer = new byte[StunMessage.HeaderLength + 4];
        Buffer.BlockCopy(request, 0, answer, 0, StunMessage.HeaderLength);
        answer[0] = 0x01;
        answer[1] = 0x01;
        answer[2] = 0;
        answer[3] = 4;
        answer[StunMessage.HeaderLength + 1] = 0x20;
        answer[StunMessage.HeaderLength + 3] = 16;
        return answer;
    }

    /// <summary>A Binding error response 400 (RFC 8489 §14.8) to the request.</summary>
    private static byte[] BadRequest(byte[] request)
    {
        Assert.True(StunDecoder.TryDecode(request, out var decoded, out var error), error?.ToString());
        return new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, decoded!.TransactionId)
            .Add(new StunErrorCodeAttribute(400, "Bad Request"))
            .Add(new StunTextAttribute(StunAttributeType.Software, "TelnyxNet test server"))
            .AddFingerprint()
            .Encode();
    }

    private static StunBindingOptions Options(TransportProtocol transport, string server, TimeSpan timeout, RetransmissionPolicy? retransmission = null, RemoteCertificateValidationCallback? validation = null) => new()
    {
        Servers = new[] { ProbeRun.Server(server, transport) },
        Timeout = timeout,
        Retransmission = retransmission ?? RetransmissionPolicy.Default,
        CertificateValidation = validation,
    };
}
