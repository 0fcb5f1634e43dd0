using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using static TelnyxNet.Engine.Tests.Turn.TurnScripts;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>Allocate's error responses, Refresh, CreatePermission, ChannelBind, Send and Data (RFC 8656 §7–§12) against a scripted server.</summary>
public sealed class TurnClientRequestTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("203.0.113.5"), 6000);

    [Theory]
    [InlineData(403, "Forbidden", FailureReason.Forbidden)]
    [InlineData(437, "Allocation Mismatch", FailureReason.AllocationMismatch)]
    [InlineData(441, "Wrong Credentials", FailureReason.WrongCredentials)]
    [InlineData(442, "Unsupported Transport Protocol", FailureReason.UnsupportedTransport)]
    [InlineData(486, "Allocation Quota Reached", FailureReason.AllocationQuotaReached)]
    [InlineData(508, "Insufficient Capacity", FailureReason.InsufficientCapacity)]
    [InlineData(500, "Server Error", FailureReason.ErrorResponse)]
    [InlineData(420, "Unknown Attribute", FailureReason.ErrorResponse)]
    public async Task Names_each_Allocate_error_with_its_code_and_reason_phrase(int code, string phrase, FailureReason reason)
    {
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Error(r, code, phrase) : Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(reason, failure.Reason);
        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal(phrase, failure.ErrorReason);
        Assert.Contains(code + " " + phrase, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hands_a_300_Try_Alternate_to_the_caller_with_the_alternate_server()
    {
        var alternate = new IPEndPoint(IPAddress.Parse("192.0.2.99"), 3479);
        var transport = new ScriptedTurnTransport(r => Error(r, 300, "Try Alternate").Add(new StunAddressAttribute(StunAttributeType.AlternateServer, alternate)));
        using var client = NewClient(transport);

        var redirect = await Assert.ThrowsAsync<TurnRedirectException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(alternate, redirect.Alternate);
        Assert.Null(redirect.Domain);
    }

    [Fact]
    public async Task Reports_a_protocol_error_for_a_300_without_an_alternate()
    {
        var transport = new ScriptedTurnTransport(r => Error(r, 300, "Try Alternate"));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(300, failure.ErrorCode);
        Assert.Contains("ALTERNATE-SERVER", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_protocol_error_for_a_success_without_a_relayed_address()
    {
        var transport = new ScriptedTurnTransport(r => IsAuthenticated(r) ? Success(r, Key()) : Challenge(r));
        using var client = NewClient(transport);

        var failure = await Assert.ThrowsAsync<ProbeException>(() => client.AllocateAsync(Deadline(), CancellationToken.None));

        Assert.Equal(FailureReason.ProtocolError, failure.Reason);
        Assert.Contains("XOR-RELAYED-ADDRESS", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletes_the_allocation_with_a_signed_Refresh_of_lifetime_zero()
    {
        var transport = new ScriptedTurnTransport(Server);
        using var client = NewClient(transport);
        await client.AllocateAsync(Deadline(), CancellationToken.None);

        Assert.True(await client.DeleteAsync(TimeSpan.FromSeconds(2)));

        var refresh = transport.Requests.Last();
        Assert.Equal(StunMethod.Refresh, refresh.Method);
        Assert.Equal(0ul, refresh.GetAttribute<StunNumberAttribute>(StunAttributeType.Lifetime)!.Value);
        Assert.True(refresh.VerifyMessageIntegrity(Key()));
        Assert.Null(client.Allocation);
        Assert.True(await client.DeleteAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public async Task Counts_437_on_delete_as_already_gone_and_silence_as_not_deleted_without_throwing()
    {
        var answer437 = false;
        var transport = new ScriptedTurnTransport(r => r.Method != StunMethod.Refresh ? Server(r) : answer437 ? Error(r, 437, "Allocation Mismatch") : null);
        using var client = NewClient(transport);
        await client.AllocateAsync(Deadline(), CancellationToken.None);

        Assert.False(await client.DeleteAsync(TimeSpan.FromSeconds(1)));
        Assert.NotNull(client.Allocation);
        answer437 = true;
        Assert.True(await client.DeleteAsync(TimeSpan.FromSeconds(1)));
        Assert.Null(client.Allocation);
    }

    [Fact]
    public async Task Creates_one_permission_for_several_peers_and_binds_a_channel()
    {
        var transport = new ScriptedTurnTransport(Server);
        using var client = NewClient(transport);
        await client.AllocateAsync(Deadline(), CancellationToken.None);

        await client.CreatePermissionAsync(new[] { Peer.Address, IPAddress.Parse("203.0.113.6") }, Deadline(), CancellationToken.None);
        await client.ChannelBindAsync(0x4000, Peer, Deadline(), CancellationToken.None);

        var permission = transport.Requests[2];
        Assert.Equal(StunMethod.CreatePermission, permission.Method);
        Assert.Equal(new[] { "203.0.113.5", "203.0.113.6" }, permission.Attributes.OfType<StunXorAddressAttribute>().Select(a => a.EndPoint.Address.ToString()));
        var bind = transport.Requests[3];
        Assert.Equal(StunMethod.ChannelBind, bind.Method);
        Assert.Equal((ushort)0x4000, bind.GetAttribute<StunShortFieldAttribute>(StunAttributeType.ChannelNumber)!.Value);
        Assert.Equal(Peer, bind.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorPeerAddress)!.EndPoint);
        Assert.All(transport.Requests.Skip(1), r => Assert.True(r.VerifyMessageIntegrity(Key())));
    }

    [Fact]
    public async Task Sends_data_in_Send_indications_and_on_channels()
    {
        var transport = new ScriptedTurnTransport(Server);
        using var client = NewClient(transport);
        await client.AllocateAsync(Deadline(), CancellationToken.None);
        await client.ChannelBindAsync(0x4001, Peer, Deadline(), CancellationToken.None);

        await client.SendAsync(Peer, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await client.SendChannelDataAsync(0x4001, new byte[] { 4, 5 }, CancellationToken.None);

        var send = Assert.Single(transport.Indications);
        Assert.Equal(StunMethod.Send, send.Method);
        Assert.Equal(Peer, send.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorPeerAddress)!.EndPoint);
        Assert.Equal(new byte[] { 1, 2, 3 }, send.GetAttribute<StunBytesAttribute>(StunAttributeType.Data)!.GetValue());
        Assert.Null(send.GetAttribute(StunAttributeType.MessageIntegrity));
        var channel = Assert.Single(transport.ChannelData);
        Assert.Equal((ushort)0x4001, channel.Channel);
        Assert.Equal(new byte[] { 4, 5 }, channel.GetData());
    }

    [Fact]
    public async Task Receives_Data_indications_and_ChannelData_on_bound_channels_only()
    {
        var transport = new ScriptedTurnTransport(Server);
        using var client = NewClient(transport);
        await client.AllocateAsync(Deadline(), CancellationToken.None);
        await client.ChannelBindAsync(0x4000, Peer, Deadline(), CancellationToken.None);

        transport.Sink!.OnIndication(new StunMessageBuilder(StunMethod.Data, StunClass.Indication)
            .Add(new StunXorAddressAttribute(StunAttributeType.XorPeerAddress, Peer))
            .Add(new StunBytesAttribute(StunAttributeType.Data, new byte[] { 9 }))
            .Build());
        transport.Sink.OnIndication(new StunMessageBuilder(StunMethod.Data, StunClass.Indication).Build());
        transport.Sink.OnChannelData(new ChannelDataMessage(0x4002, new byte[] { 8 }));
        transport.Sink.OnChannelData(new ChannelDataMessage(0x4000, new byte[] { 7 }));

        var first = await client.ReceiveAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var second = await client.ReceiveAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var none = await client.ReceiveAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal(Peer, first!.Peer);
        Assert.Equal(new byte[] { 9 }, first.Data);
        Assert.False(first.ViaChannel);
        Assert.Equal(Peer, second!.Peer);
        Assert.Equal(new byte[] { 7 }, second.Data);
        Assert.True(second.ViaChannel);
        Assert.Null(none);
        Assert.Equal(2, client.DiscardedCount);
    }

    [Fact]
    public async Task Stops_waiting_for_data_when_cancelled()
    {
        var transport = new ScriptedTurnTransport(Server);
        using var client = NewClient(transport);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(TimeSpan.FromSeconds(30), cancel.Token));
    }

    private static StunMessageBuilder? Server(StunMessage request) =>
        !IsAuthenticated(request) ? Challenge(request)
        : request.Method == StunMethod.Allocate ? Allocated(request, Key())
        : Success(request, Key());

    private static TurnClient NewClient(ScriptedTurnTransport transport) =>
        new(transport, TurnCredential.FromPassword(Username, Secrets.Secure(Password)), SystemClock.Instance, NullEngineLog.Instance);

    private static TimeSpan Deadline() => SystemClock.Instance.Elapsed + TimeSpan.FromSeconds(5);
}
