using System.Net;
using System.Net.Sockets;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Ice;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Sip;
using TelnyxNet.Engine.Tests.Support.Sip;
using TelnyxNet.Engine.Transport;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Every TCP and TLS exit path of the engine ends the connection in order (issue 13 defect 7), as
/// <see cref="HostileStreamServer.Ends"/> records it: each server answers and then keeps sending
/// (four megabytes the client never needs), so a client that just closed its socket would leave it
/// unread, and the kernel answers unread data at close with a reset. A client that shuts down its
/// side and drains is seen to close.
/// </summary>
public sealed class OrderlyCloseTests
{
    /// <summary>More than a client reads before it is done, and more than loopback's socket buffers hold at once.</summary>
    private const int Trailer = 1 << 22;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ICE_gathering_ends_its_TURN_connection_in_order()
    {
        using var server = new HostileStreamServer(AnswerThenMore(StunFrame, TurnAnswers.ChallengeWithoutRealm, StunFrames(Trailer)));

        var run = await IceHarness.RunAsync(IceHarness.Options(new FixedInterfaces(FixedInterfaces.Up("eth0", "Ethernet", "Ethernet", "192.168.1.10")), new[] { "turn:" + server.Server + "?transport=tcp" }, Timeout));

        Assert.Empty(run.OfType("relay"));
        await AssertClosedAsync(server);
    }

    [Fact]
    public async Task SIP_over_TCP_ends_in_order_after_the_answer()
    {
        using var server = new HostileStreamServer(AnswerThenMore(FirstBytes, request => SipUdpTransactionTests.Reply(request, "200 OK"), Keepalives(Trailer)));
        Assert.True(SipServerAddress.TryParse(server.Server + ";transport=tcp", out var sip, out var error), error);

        var result = Assert.Single(await SipOptionsProbe.RunAsync(new SipOptionsOptions { Servers = new[] { sip! }, Timeout = Timeout, DnsServers = Array.Empty<IPEndPoint>() }, new CollectingLog(), null, CancellationToken.None));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        await AssertClosedAsync(server);
    }

    [Fact]
    public async Task DNS_over_TCP_after_a_truncated_answer_ends_in_order()
    {
        using var server = new HostileStreamServer(AnswerThenMore(FirstBytes, framed => Framed(ScriptedDnsServer.Answer(framed.Skip(2).ToArray(), rcode: 0)), new byte[Trailer]));
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(server.EndPoint);
        using var truncating = new ScriptedDnsServer(udp, query => new[] { ScriptedDnsServer.Answer(query, rcode: 0, truncated: true) });
        var dns = new DnsClient(new[] { server.EndPoint }, ConnectedUdpSocket.Connect, StunStreamClient.NewStreamSocket, SystemClock.Instance, new CollectingLog(), Timeout);

        var answer = await dns.QueryAsync("_sip._udp.lab.test", Makaretu.Dns.DnsType.SRV, SystemClock.Instance.Elapsed + Timeout, CancellationToken.None);

        Assert.Equal("TCP", answer.Transport);
        await AssertClosedAsync(server);
    }

    [Fact]
    public async Task A_rejected_WebSocket_upgrade_ends_in_order()
    {
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: " + Trailer + "\r\n\r\n");
        using var server = new HostileStreamServer(AnswerThenMore(FirstBytes, _ => head, new byte[Trailer]));

        var result = await SignalingRun.OneAsync(SignalingRun.Direct, "ws://" + server.Server + "/");

        SignalingRun.Failed(result, FailureReason.UpgradeRejected);
        await AssertClosedAsync(server);
    }

    /// <summary>Reads the request, writes the answer and <paramref name="trailer"/> in one go.</summary>
    private static StreamBehaviour AnswerThenMore(Func<StreamExchange, Task<byte[]?>> read, Func<byte[], byte[]> answer, byte[] trailer) => async exchange =>
    {
        if (await read(exchange) is byte[] request)
        {
            await exchange.WriteAsync(answer(request).Concat(trailer).ToArray());
        }
    };

    /// <summary>Valid STUN messages of other transactions (a big comprehension-optional attribute each), <paramref name="bytes"/> in all: dropped as they are read.</summary>
    private static byte[] StunFrames(int bytes)
    {
        var frames = new List<byte>();
        while (frames.Count < bytes)
        {
            frames.AddRange(new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, TransactionId.NewRandom()).Add(new StunRawAttribute(0x8123, new byte[60000])).Encode());
        }

        return frames.ToArray();
    }

    /// <summary>RFC 5626 §4.4.1 double-CRLF keepalives: what a SIP server may send between messages.</summary>
    private static byte[] Keepalives(int bytes) => Enumerable.Repeat((byte)'\r', bytes).Select((b, i) => i % 2 == 0 ? b : (byte)'\n').ToArray();

    private static byte[] Framed(byte[] message) => new[] { (byte)(message.Length >> 8), (byte)message.Length }.Concat(message).ToArray();

    private static async Task AssertClosedAsync(HostileStreamServer server)
    {
        await Support.Eventually.True(() => server.Open == 0, "the server saw every connection end");
        Assert.Equal(new[] { ClientEnd.Closed }, server.Ends);
    }
}
