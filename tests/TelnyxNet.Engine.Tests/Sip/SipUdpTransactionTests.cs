using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>The UDP OPTIONS transaction on an injected clock: Timer E (RFC 3261 §17.1.2.2), Timer F, the deadline, provisional answers, ICMP errors and hostile answers.</summary>
public sealed class SipUdpTransactionTests
{
    private static readonly IPEndPoint Proxy = new(IPAddress.Parse("192.0.2.10"), 5060);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Retransmits_on_Timer_E_doubling_to_T2_and_gives_up_at_Timer_F()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock);
        var sent = new StrongBox<int>();
        var transaction = Run(socket, clock, TimeSpan.FromMinutes(2), sent);
        var expected = new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 }.Select(TimeSpan.FromSeconds).ToList();

        for (var i = 0; i < expected.Count; i++)
        {
            var next = i + 1 < expected.Count ? expected[i + 1] : SipTimers.TimerF;
            await Eventually.True(() => socket.SendCount == i + 1 && clock.NextDue == next, (i + 1) + " sends and a wait until " + next);
            clock.AdvanceTo(next);
        }

        var ex = await Assert.ThrowsAsync<ProbeException>(() => transaction.WaitAsync(Bound));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Equal(expected, socket.Sent.Select(s => s.At));
        Assert.Equal(11, sent.Value);
        Assert.Equal(SipTimers.TimerF, clock.Elapsed);
    }

    [Fact]
    public async Task The_deadline_cuts_Timer_E_short()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock);
        var transaction = Run(socket, clock, TimeSpan.FromSeconds(2), new StrongBox<int>());

        foreach (var (sends, next) in new[] { (1, 0.5), (2, 1.5), (3, 2.0) })
        {
            await Eventually.True(() => socket.SendCount == sends && clock.NextDue == TimeSpan.FromSeconds(next), sends + " sends");
            clock.AdvanceTo(TimeSpan.FromSeconds(next));
        }

        var ex = await Assert.ThrowsAsync<ProbeException>(() => transaction.WaitAsync(Bound));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
        Assert.Contains("3 transmission(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provisional_answer_moves_retransmissions_to_T2_and_the_final_answer_ends_it()
    {
        var clock = new ManualClock();
        var replies = 0;
        using var socket = new ScriptedDatagramSocket(clock, request => Interlocked.Increment(ref replies) == 1 ? Reply(request, "100 Trying") : null);
        var transaction = Run(socket, clock, TimeSpan.FromSeconds(30), new StrongBox<int>());

        await Eventually.True(() => socket.SendCount == 1 && clock.NextDue == TimeSpan.FromSeconds(0.5), "the first send");
        clock.AdvanceTo(TimeSpan.FromSeconds(0.5));
        await Eventually.True(() => socket.SendCount == 2 && clock.NextDue == TimeSpan.FromSeconds(4.5), "the Proceeding retransmission, then T2");
        socket.Inject(Reply(socket.Sent[0].Bytes, "200 OK"), Proxy);

        var exchange = await transaction.WaitAsync(Bound);
        Assert.Equal(200, exchange.Response.StatusCode);
        Assert.Equal(1, exchange.Provisional);
        Assert.Equal(2, exchange.Transmissions);
    }

    [Fact]
    public async Task ICMP_port_unreachable_is_refused_at_once()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock);
        var transaction = Run(socket, clock, TimeSpan.FromSeconds(10), new StrongBox<int>());
        await Eventually.True(() => socket.SendCount == 1, "the first send");

        socket.InjectError(SocketError.ConnectionRefused);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => transaction.WaitAsync(Bound));
        Assert.Equal(FailureReason.Refused, ex.Reason);
        Assert.Equal(1, socket.SendCount);
    }

    [Fact]
    public async Task Garbage_and_answers_to_other_requests_are_ignored_and_end_as_a_protocol_error()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock);
        var transaction = Run(socket, clock, TimeSpan.FromSeconds(1), new StrongBox<int>());
        await Eventually.True(() => socket.SendCount == 1, "the first send");

        socket.Inject(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n\r\n"), Proxy);
        socket.Inject(Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKother\r\nCall-ID: other\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"), Proxy);
        await Eventually.True(() => clock.NextDue == TimeSpan.FromSeconds(0.5), "still waiting");
        clock.AdvanceTo(TimeSpan.FromSeconds(0.5));
        await Eventually.True(() => socket.SendCount == 2 && clock.NextDue == TimeSpan.FromSeconds(1), "the retransmission");
        clock.AdvanceTo(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<ProbeException>(() => transaction.WaitAsync(Bound));
        Assert.Equal(FailureReason.ProtocolError, ex.Reason);
        Assert.Contains("another request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_a_rewritten_branch_but_the_same_Call_ID_is_taken()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock, request => Encoding.UTF8.GetBytes(Regex.Replace(Encoding.UTF8.GetString(Reply(request, "200 OK")), "branch=z9hG4bK[0-9a-f]+", "branch=z9hG4bKalg")));

        var exchange = await Run(socket, clock, TimeSpan.FromSeconds(5), new StrongBox<int>()).WaitAsync(Bound);

        Assert.Equal(200, exchange.Response.StatusCode);
        Assert.Contains(SipAlgEvidence.Inspect(exchange.Request, exchange.Response, Proxy.Address), e => e.Contains("branch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_ends_it_at_once()
    {
        var clock = new ManualClock();
        using var socket = new ScriptedDatagramSocket(clock);
        using var cancel = new CancellationTokenSource();
        var transaction = SipUdpTransaction.RunAsync(socket, Proxy, "sip.lab.test", "TelnyxNet/test", clock, new CollectingLog(), TimeSpan.FromSeconds(30), new StrongBox<int>(), cancel.Token);
        await Eventually.True(() => socket.SendCount == 1, "the first send");

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transaction.WaitAsync(Bound));
    }

    /// <summary>A response to <paramref name="request"/> as a proxy writes it: its Via (with rport and received), From, To, Call-ID and CSeq.</summary>
    internal static byte[] Reply(byte[] request, string status)
    {
        var text = Encoding.UTF8.GetString(request);
        string Header(string name) => Regex.Match(text, "\r\n" + name + ": ([^\r]*)").Groups[1].Value;
        var via = Header("Via").Replace(";rport", ";rport=50000;received=203.0.113.1", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes("SIP/2.0 " + status + "\r\nVia: " + via + "\r\nFrom: " + Header("From") + "\r\nTo: " + Header("To") + ";tag=x\r\nCall-ID: " + Header("Call-ID") + "\r\nCSeq: " + Header("CSeq") + "\r\nContent-Length: 0\r\n\r\n");
    }

    private static Task<SipExchange> Run(ScriptedDatagramSocket socket, ManualClock clock, TimeSpan until, StrongBox<int> sent) =>
        SipUdpTransaction.RunAsync(socket, Proxy, "sip.lab.test", "TelnyxNet/test", clock, new CollectingLog(), until, sent, CancellationToken.None);
}
