using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn with <c>--user-quota=1</c>: a second allocation of the same user gets 486 Allocation Quota Reached (RFC 8656 §7.2) while the first is held.</summary>
[Collection(QuotaCoturnCollection.Name)]
public sealed class CoturnQuotaTests
{
    private readonly CoturnTurnServer _coturn;

    public CoturnQuotaTests(QuotaCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Answers_486_while_another_allocation_of_the_user_is_held_and_allocates_once_it_is_deleted()
    {
        var user = QuotaCoturnFixture.User;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, user.Name));
        await using var holder = RawTurnClient.OverUdp(_coturn.EndPoint);
        TurnAssert.Allocated(await holder.AllocateAsync(user));
        await using var second = RawTurnClient.OverUdp(_coturn.EndPoint);

        var refused = await second.AllocateAsync(user);

        Assert.Equal("Allocation Quota Reached", TurnAssert.Error(refused, 486));
        Assert.True(refused.VerifyMessageIntegrity(StunCredentials.LongTermKey(user.Name, "test.local", user.Password)));
        Assert.Equal(1, await _coturn.Admin.AllocationCountAsync(user.Name));

        Assert.Equal(StunClass.SuccessResponse, (await holder.RefreshAsync(0)).Class);
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, user.Name));
        TurnAssert.Allocated(await second.AllocateAgainAsync());
    }
}
