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
        Assert.True(table.Deliver(response, Server, TimeSpan.FromSeconds(2)));

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

        Assert.True(table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.False(table.Deliver(Response(id), Server, TimeSpan.Zero));

        Assert.Equal(1, table.UnknownTransactionCount);
    }

    [Fact]
    public void Ignores_and_counts_a_response_with_an_unknown_transaction_id()
    {
        var table = new StunTransactionTable();
        var receipt = table.Register(TransactionId.NewRandom(), Server);

        Assert.False(table.Deliver(Response(TransactionId.NewRandom()), Server, TimeSpan.Zero));

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

        Assert.False(table.Deliver(Response(id), new IPEndPoint(IPAddress.Parse("192.0.2.66"), 3478), TimeSpan.Zero));
        Assert.False(table.Deliver(Response(id), new IPEndPoint(Server.Address, 3479), TimeSpan.Zero));

        Assert.Equal(2, table.UnexpectedSourceCount);
        Assert.Equal(0, table.UnknownTransactionCount);
        Assert.False(receipt.IsCompleted);
        Assert.True(table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public void A_transaction_without_an_expected_source_accepts_any_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, null);

        Assert.True(table.Deliver(Response(id), new IPEndPoint(IPAddress.Parse("198.51.100.9"), 9), TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public void An_IPv4_mapped_IPv6_source_equals_the_IPv4_expected_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);
        var mapped = new IPEndPoint(Server.Address.MapToIPv6(), Server.Port);

        Assert.True(table.Deliver(Response(id), mapped, TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
        Assert.Equal(0, table.UnexpectedSourceCount);
    }

    [Fact]
    public void An_IPv4_source_equals_an_IPv4_mapped_expected_source()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, new IPEndPoint(Server.Address.MapToIPv6(), Server.Port));

        Assert.True(table.Deliver(Response(id), Server, TimeSpan.Zero));

        Assert.True(receipt.IsCompleted);
    }

    [Fact]
    public async Task Fail_ends_one_transaction_with_the_reason()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var other = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);
        var untouched = table.Register(other, Server);

        Assert.True(table.Fail(id, Server, FailureReason.ProtocolError, "broken", TimeSpan.FromSeconds(1)));

        var failed = await receipt;
        Assert.Null(failed.Response);
        Assert.Equal(FailureReason.ProtocolError, failed.Failure);
        Assert.Equal("broken", failed.FailureMessage);
        Assert.Equal(TimeSpan.FromSeconds(1), failed.ReceivedAt);
        Assert.False(untouched.IsCompleted);
        Assert.Equal(1, table.PendingCount);
    }

    [Fact]
    public void Fail_from_another_source_or_for_an_unknown_id_changes_nothing()
    {
        var table = new StunTransactionTable();
        var id = TransactionId.NewRandom();
        var receipt = table.Register(id, Server);

        Assert.False(table.Fail(id, new IPEndPoint(IPAddress.Parse("192.0.2.66"), 3478), FailureReason.ProtocolError, "spoofed", TimeSpan.Zero));
        Assert.False(table.Fail(TransactionId.NewRandom(), Server, FailureReason.ProtocolError, "stray", TimeSpan.Zero));

        Assert.False(receipt.IsCompleted);
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
        Assert.False(table.Deliver(Response(id), Server, TimeSpan.Zero));
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

        Assert.True(table.Deliver(Response(id), Server, TimeSpan.Zero));
        Assert.True(again.IsCompleted);
    }

    private static StunMessage Response(TransactionId id) =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorMappedAddress, new IPEndPoint(IPAddress.Parse("203.0.113.7"), 40000)))
            .Build();
}
