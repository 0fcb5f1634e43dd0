using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The TURN probe against coturn with <c>--user-quota=1</c>: 486 while another allocation is held, and a relay check that cannot set up its second allocation.</summary>
[Collection(QuotaCoturnCollection.Name)]
public sealed class TurnProbeQuotaTests
{
    private readonly CoturnTurnServer _coturn;

    public TurnProbeQuotaTests(QuotaCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Reports_allocation_quota_reached_while_another_client_of_the_user_holds_one()
    {
        var user = QuotaCoturnFixture.User;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, user.Name));
        await using var holder = RawTurnClient.OverUdp(_coturn.EndPoint);
        TurnAssert.Allocated(await holder.AllocateAsync(user));

        var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + _coturn.Port, TurnProbeOptions.Credential(user)));

        TurnRun.AssertFailed(result, FailureReason.AllocationQuotaReached);
        Assert.Equal(486, result.ErrorCode);
        Assert.Equal("Allocation Quota Reached", result.ErrorReason);
        Assert.Contains("same TURN user", result.Remediation, StringComparison.Ordinal);
        Assert.Equal(1, await _coturn.Admin.AllocationCountAsync(user.Name));
    }

    [Fact]
    public async Task Says_the_relay_is_unverified_when_UDP_is_blocked_here_and_the_quota_forbids_a_second_allocation()
    {
        var user = QuotaCoturnFixture.User;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, user.Name));

        var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + _coturn.Port + "?transport=tcp", TurnProbeOptions.Credential(user), peerSocket: TurnProbeOptions.BlockedPeer));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, TurnRun.Describe(result));
        Assert.Null(result.RelayVerified);
        Assert.Null(result.RelayRoundTripTimeMs);
        Assert.Contains("could not be verified", result.Message, StringComparison.Ordinal);
        Assert.Contains("486", result.Message, StringComparison.Ordinal);
        Assert.True(result.Deallocated);
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, user.Name));
    }
}
