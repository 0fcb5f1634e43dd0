using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The second, independent TURN server (pion/turn v2) answers the same raw messages as the client will send.</summary>
[Collection(PionTurnCollection.Name)]
public sealed class PionTurnTests
{
    private readonly PionTurnServer _pion;

    public PionTurnTests(PionTurnFixture fixture) => _pion = fixture.Server;

    [Fact]
    public async Task Challenges_with_401_REALM_and_NONCE_and_no_SOFTWARE()
    {
        await using var client = RawTurnClient.OverUdp(_pion.EndPoint);

        var answer = await client.AllocateAsync();

        TurnAssert.Challenge(answer, PionTurnServer.Realm);
        Assert.Equal(string.Empty, TurnAssert.Error(answer, 401));
        Assert.Null(answer.Software);
    }

    [Fact]
    public async Task Allocates_relays_and_deletes_on_Refresh_with_LIFETIME_0_as_its_count_shows()
    {
        await using var client = RawTurnClient.OverUdp(_pion.EndPoint);

        var answer = await client.AllocateAsync(PionTurnFixture.User);

        var relayed = TurnAssert.Allocated(answer);
        Assert.Equal(IPAddress.Loopback, relayed.Address);
        Assert.InRange(relayed.Port, _pion.RelayPorts.Min, _pion.RelayPorts.Max);
        Assert.True(answer.VerifyMessageIntegrity(StunCredentials.LongTermKey(PionTurnFixture.User.Name, PionTurnServer.Realm, PionTurnFixture.User.Password)));
        await Eventually.True(() => _pion.AllocationCount == 1, "pion reports one allocation");
        await TurnAssert.RelaysBothWaysAsync(client, relayed);

        Assert.Equal(StunClass.SuccessResponse, (await client.RefreshAsync(0)).Class);
        await Eventually.True(() => _pion.AllocationCount == 0, "pion reports no allocation");
        await Eventually.True(() => _pion.RelayPorts.InUse().Count == 0, "pion's relay ports released");
    }

    [Fact]
    public async Task Answers_a_wrong_password_with_400_not_401()
    {
        await using var client = RawTurnClient.OverUdp(_pion.EndPoint);

        var answer = await client.AllocateAsync(new TurnUser(PionTurnFixture.User.Name, "wrong-password"));

        TurnAssert.Error(answer, 400);
    }

    [Fact]
    public async Task Allocates_over_TCP()
    {
        await using var client = await RawTurnClient.OverTcpAsync(_pion.EndPoint);

        TurnAssert.Allocated(await client.AllocateAsync(PionTurnFixture.User));
    }
}
