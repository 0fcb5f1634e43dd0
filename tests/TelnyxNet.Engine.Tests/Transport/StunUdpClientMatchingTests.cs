using System.Net;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using static TelnyxNet.Engine.Tests.Transport.UdpClientHarness;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class StunUdpClientMatchingTests
{
    private static readonly IPEndPoint Stranger = new(IPAddress.Parse("192.0.2.99"), 3478);

    [Fact]
    public async Task A_response_with_an_unknown_transaction_id_is_ignored_and_counted()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.Inject(Response(TransactionId.NewRandom()), Server);
        await Eventually.True(() => h.Client.Transactions.UnknownTransactionCount == 1, "the stray response to be counted");

        Assert.False(transaction.IsCompleted);
        h.Socket.Inject(Response(h.Id), Server);
        var outcome = await Bounded(transaction);
        Assert.Equal(h.Id, outcome.Response.TransactionId);
        Assert.Equal(1, h.Client.Transactions.UnknownTransactionCount);
        Assert.Equal(0, h.Client.MalformedCount);
    }

    [Fact]
    public async Task A_matching_response_from_an_unexpected_source_is_ignored_and_counted()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.Inject(Response(h.Id), Stranger);
        await Eventually.True(() => h.Client.Transactions.UnexpectedSourceCount == 1, "the spoofed response to be counted");

        Assert.False(transaction.IsCompleted);
        Assert.Equal(1, h.Client.Transactions.PendingCount);
        h.StepTo(TimeSpan.FromSeconds(0.5), transaction);
        await h.WaitForSends(2, TimeSpan.FromSeconds(1.5));
        h.Socket.Inject(Response(h.Id), Server);
        var outcome = await Bounded(transaction);
        Assert.Equal(Server, outcome.Source);
        Assert.Equal(2, outcome.Transmissions);
        Assert.Equal(1, h.Client.Transactions.UnexpectedSourceCount);
    }

    [Fact]
    public async Task A_malformed_response_carrying_the_pending_id_is_discarded_and_the_valid_answer_after_it_completes()
    {
        var log = new Probes.CollectingLog();
        using var h = new UdpClientHarness(log);
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        var broken = Response(h.Id);
        broken[StunMessage.HeaderLength + 2] = 0x00;
        broken[StunMessage.HeaderLength + 3] = 0xFF;

        h.Socket.Inject(broken, Server);
        await Eventually.True(() => h.Client.Transactions.DiscardedCount == 1, "the malformed answer is discarded");
        Assert.False(transaction.IsCompleted);
        Assert.Equal(0, h.Clock.AdvanceTo(TimeSpan.FromMilliseconds(1)));
        h.Socket.Inject(Response(h.Id), Server);

        var outcome = await Bounded(transaction);
        Assert.Equal(Mapped, outcome.Response.MappedEndPoint);
        Assert.Equal(TimeSpan.FromMilliseconds(1), outcome.RoundTripTime);
        Assert.Equal(1, h.Client.MalformedCount);
        Assert.Equal(StunMessage.HeaderLength, h.Client.LastDecodeError!.Offset);
        Assert.Equal(1, h.Socket.SendCount);
        Assert.Contains(log.Lines, l => l.Contains("Discarded", StringComparison.Ordinal) && l.Contains("RFC 8489 §6.3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_malformed_answers_until_the_deadline_are_a_protocol_error_after_the_full_schedule()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(1));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        var broken = Response(h.Id);
        broken[StunMessage.HeaderLength + 3] = 0xFF;
        h.Socket.Inject(broken, Server);
        await Eventually.True(() => h.Client.Transactions.DiscardedCount == 1, "the malformed answer is discarded");

        h.StepTo(TimeSpan.FromSeconds(0.5), transaction);
        await h.WaitForSends(2, TimeSpan.FromSeconds(1));
        h.StepTo(TimeSpan.FromSeconds(1), transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.ProtocolError, ex.Reason);
        Assert.Contains("Malformed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 discarded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Socket.SendCount);
    }

    [Fact]
    public async Task A_malformed_response_with_the_pending_id_from_an_unexpected_source_does_not_fail_it()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(5));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));
        var broken = Response(h.Id);
        broken[StunMessage.HeaderLength + 3] = 0xFF;

        h.Socket.Inject(broken, Stranger);
        await Eventually.True(() => h.Client.MalformedCount == 1 && h.Client.Transactions.UnexpectedSourceCount == 1, "the malformed datagram to be counted as from an unexpected source");

        Assert.False(transaction.IsCompleted);
        h.Socket.Inject(Response(h.Id), Server);
        var outcome = await Bounded(transaction);
        Assert.Equal(h.Id, outcome.Response.TransactionId);
    }

    [Fact]
    public async Task Garbage_without_a_magic_cookie_is_counted_and_the_transaction_ends_as_a_protocol_error()
    {
        using var h = new UdpClientHarness();
        var transaction = h.Start(TimeSpan.FromSeconds(2));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.5));

        h.Socket.Inject(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), Server);
        await Eventually.True(() => h.Client.MalformedCount == 1, "the garbage to be counted");

        Assert.False(transaction.IsCompleted);
        h.StepTo(TimeSpan.FromSeconds(0.5), transaction);
        await h.WaitForSends(2, TimeSpan.FromSeconds(1.5));
        h.StepTo(TimeSpan.FromSeconds(1.5), transaction);
        await h.WaitForSends(3, TimeSpan.FromSeconds(2));
        h.StepTo(TimeSpan.FromSeconds(2), transaction);
        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.ProtocolError, ex.Reason);
        Assert.Contains("Malformed", ex.Message);
        Assert.Equal(0, h.Client.Transactions.UnknownTransactionCount);
    }

    [Fact]
    public async Task Garbage_seen_by_an_earlier_transaction_does_not_turn_a_later_timeout_into_a_protocol_error()
    {
        using var h = new UdpClientHarness();
        h.Socket.Inject(new byte[] { 0xFF, 0x00, 0x01 }, Server);
        await Eventually.True(() => h.Client.MalformedCount == 1, "the garbage to be counted");

        var transaction = h.Start(TimeSpan.FromSeconds(0.2));
        await h.WaitForSends(1, TimeSpan.FromSeconds(0.2));
        h.StepTo(TimeSpan.FromSeconds(0.2), transaction);

        var ex = await Assert.ThrowsAsync<ProbeException>(() => Bounded(transaction));
        Assert.Equal(FailureReason.Timeout, ex.Reason);
    }
}
