using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The TURN probe against a coturn whose relay port range is used up: 508 Insufficient Capacity.</summary>
public sealed class TurnProbeCapacityTests
{
    [Fact]
    public async Task Reports_insufficient_capacity_when_the_relay_ports_are_used_up()
    {
        await using var coturn = await CoturnTurnServer.StartAsync(new CoturnTurnOptions { RelayPortCount = 1, IPv6 = false });
        var user = coturn.Options.Users[0];
        await using var holder = RawTurnClient.OverUdp(coturn.EndPoint);
        TurnAssert.Allocated(await holder.AllocateAsync(user));

        var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + coturn.Port, TurnProbeOptions.Credential(user)));

        TurnRun.AssertFailed(result, FailureReason.InsufficientCapacity);
        Assert.Equal(508, result.ErrorCode);
        Assert.Null(result.Deallocated);
    }
}
