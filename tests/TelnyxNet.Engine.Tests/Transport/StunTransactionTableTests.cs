using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Transport;

public sealed class StunTransactionTableTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 3478);

    [Fact]
    public async Task Delivers_a_response_from_the_expected_source_to_its_transaction()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);
        var response = Response(id);

        Assert.Equal(1, table.PendingCount);
        Assert.Equal(StunDelivery.Completed, table.Deliver(response, Server, TimeSpan.FromSeconds(2)));

        Assert.True(receipt.IsCompleted);
        var received = await receipt;
        Assert.Same(response, received.Response);
        Assert.Equal(Server, received.Source);
        Assert.Equal(TimeSpan.FromSeconds(2), received.ReceivedAt);
        Assert.Equal(FailureReason.None, received.Failure);
        Assert.Equal(0, table.PendingCount);
    }

    [Fact]
    public void A_second_response_for_a_completed_transaction_is_unknown()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        table.Register(id, Server);

        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.Equal(StunDelivery.Unmatched, table.Deliver(Response(id), Server, TimeSpan.Zero));

        Assert.Equal(1, table.UnknownTransactionCount);
    }

    [Fact]
    public void Ignores_and_counts_a_response_with_an_unknown_transaction_id()
    {
        var table = new StunTransactionTable();
        var receipt = table.Register(TransactionId.NewRandom(), Server);

        Assert.Equal(StunDelivery.Unmatched, table.Deliver(Response(TransactionId.NewRandom()), Server, TimeSpan.Zero));

        Assert.Equal(1, table.UnknownTransactionCount);
        Assert.Equal(0, table.UnexpectedSourceCount);
        Assert.False(receipt.IsCompleted);
        Assert.Equal(1, table.PendingCount);
    }

    [Fact]
    public void Ignores_and_counts_a_matching_response_from_another_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);

        Assert.Equal(StunDelivery.Unmatched, table.Deliver(Response(id), new IPEndPoint(IPAddress.Parse("192.0.2.66"), 3478), TimeSpan.Zero));
        Assert.Equal(StunDelivery.Unmatched, table.Deliver(Response(id), new IPEndPoint(Server.Address, 3479), TimeSpan.Zero));

        Assert.Equal(2, table.UnexpectedSourceCount);
        Assert.Equal(0, table.UnknownTransactionCount);
        Assert.False(receipt.IsCompleted);
        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public void A_transaction_without_an_expected_source_accepts_any_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, null);

        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), new IPEndPoint(IPAddress.Parse("198.51.100.9"), 9), TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public void An_IPv4_mapped_IPv6_source_equals_the_IPv4_expected_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);
        var mapped = new IPEndPoint(Server.Address.MapToIPv6(), Server.Port);

        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), mapped, TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
        Assert.Equal(0, table.UnexpectedSourceCount);
    }

    [Fact]
    public void An_IPv4_source_equals_an_IPv4_mapped_expected_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, new IPEndPoint(Server.Address.MapToIPv6(), Server.Port));

        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), Server, TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public void Discard_counts_a_broken_message_for_its_transaction_and_leaves_it_waiting()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var other = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);
        table.Register(other, Server);

        Assert.True(table.Discard(id, Server, "malformed: truncated"));
        Assert.True(table.Discard(id, Server, "malformed: bad length"));

        Assert.False(receipt.IsCompleted);
        Assert.Equal((2, "malformed: bad length"), table.DiscardsOf(id));
        Assert.Equal((0, (string?)null), table.DiscardsOf(other));
        Assert.Equal(2, table.DiscardedCount);
        Assert.Equal(2, table.PendingCount);
    }

    [Fact]
    public async Task A_response_the_check_rejects_is_discarded_and_the_next_valid_one_completes()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var valid = Response(id);
        var rejected = new StunMessageBuilder(StunMethod.Allocate, StunClass.SuccessResponse, id).Build();
        var receipt = table.Register(id, Server, m => m.Method == StunMethod.Binding ? null : "not a Binding answer");

        Assert.Equal(StunDelivery.Discarded, table.Deliver(rejected, Server, TimeSpan.Zero));
        Assert.False(receipt.IsCompleted);
        Assert.Equal((1, "not a Binding answer"), table.DiscardsOf(id));
        Assert.Equal(StunDelivery.Completed, table.Deliver(valid, Server, TimeSpan.FromMilliseconds(1)));

        Assert.Same(valid, (await receipt).Response);
    }

    [Fact]
    public void Discard_from_another_source_or_for_an_unknown_id_changes_nothing()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);

        Assert.False(table.Discard(id, new IPEndPoint(IPAddress.Parse("192.0.2.66"), 3478), "spoofed"));
        Assert.False(table.Discard(TransactionId.NewRandom(), Server, "stray"));

        Assert.False(receipt.IsCompleted);
        Assert.Equal((0, (string?)null), table.DiscardsOf(id));
        Assert.Equal(1, table.UnexpectedSourceCount);
        Assert.Equal(1, table.UnknownTransactionCount);
    }

    [Fact]
    public async Task FailAll_ends_every_pending_transaction()
    {
        var table = new StunTransactionTable();
        var first = table.Register(TransactionId.NewRandom(), Server);
        var second = table.Register(TransactionId.NewRandom(), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 3478));

        table.FailAll(FailureReason.Refused, "port unreachable", TimeSpan.FromSeconds(3));

        Assert.Equal(0, table.PendingCount);
        foreach (var receipt in new[] { first, second })
        {
            var failed = await receipt;
            Assert.Equal(FailureReason.Refused, failed.Failure);
            Assert.Equal("port unreachable", failed.FailureMessage);
        }
    }

    [Fact]
    public void Remove_forgets_a_transaction()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);

        table.Remove(id);
        table.Remove(id);

        Assert.Equal(0, table.PendingCount);
        Assert.Equal(StunDelivery.Unmatched, table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.Equal(1, table.UnknownTransactionCount);
        Assert.False(receipt.IsCompleted);
    }

    [Fact]
    public void Registering_a_pending_id_twice_throws()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        table.Register(id, Server);

        Assert.Throws<InvalidOperationException>(() => { _ = table.Register(id, Server); });
        Assert.Equal(1, table.PendingCount);
    }

    [Fact]
    public void An_id_can_be_registered_again_once_removed()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        table.Register(id, Server);
        table.Remove(id);

        var again = table.Register(id, Server);

        Assert.Equal(StunDelivery.Completed, table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.True(again.IsCompleted);
    }

    private static StunMessage Response(TransactionId id) =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, new IPEndPoint(IPAddress.Parse("203.0.113.7"), 40000)))
            .Build();
}
