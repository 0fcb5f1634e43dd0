using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn whose relay port range is used up: another Allocate gets 508 Insufficient Capacity (RFC 8656 §7.2), and deleting an allocation frees its port.</summary>
public sealed class CoturnRelayCapacityTests
{
    [Fact]
    public async Task Answers_508_when_every_relay_port_is_taken_and_allocates_again_once_one_is_freed()
    {
        var user = new TurnUser("alice", "secret123");
        await using var coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { Users = new[] { user }, RelayPortCount = 1, IPv6 = false });
        await using var holder = RawTurnClient.OverUdp(coturn.EndPoint);
        TurnAssert.Allocated(await holder.AllocateAsync(user));
        Assert.Equal(0, coturn.RelayPorts.Free());
        await using var second = RawTurnClient.OverUdp(coturn.EndPoint);

        var refused = await second.AllocateAsync(user);

        Assert.Equal("Cannot create socket", TurnAssert.Error(refused, 508));
        await holder.RefreshAsync(0);
        Assert.Equal(0, await coturn.Admin.WaitForAllocationCountAsync(0));
        await Eventually.True(() => coturn.RelayPorts.Free() == 1, "the relay port freed");
        TurnAssert.Allocated(await second.AllocateAgainAsync());
    }
}
