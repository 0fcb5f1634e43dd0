using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn with <c>--stale-nonce=1</c>: an old nonce gets 438 Stale Nonce with a new NONCE (RFC 8489 §9.2.5), and the new one works.</summary>
[Collection(StaleNonceCoturnCollection.Name)]
public sealed class CoturnStaleNonceTests
{
    private static readonly TimeSpan StaleBound = TimeSpan.FromSeconds(StaleNonceCoturnFixture.NonceLifetimeSeconds + 5);
    private readonly CoturnTurnServer _coturn;

    public CoturnStaleNonceTests(StaleNonceCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Answers_a_Refresh_with_an_expired_nonce_with_438_and_a_new_NONCE_that_works()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
        TurnAssert.Allocated(await client.AllocateAsync(StaleNonceCoturnFixture.User));
        var firstNonce = client.Nonce;

        var stale = await RefreshUntilStaleAsync(client);

        Assert.Equal("Stale nonce", TurnAssert.Error(stale, 438));
        Assert.True(client.TakeChallenge(stale));
        Assert.NotEqual(firstNonce, client.Nonce);
        Assert.Equal("test.local", stale.GetAttribute<StunTextAttribute>(StunAttributeType.Realm)?.Value);
        Assert.Equal(StunClass.SuccessResponse, (await client.RefreshAsync(0)).Class);
    }

    [Fact]
    public async Task Answers_an_Allocate_with_an_expired_nonce_with_438_and_allocates_with_the_new_one()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
        TurnAssert.Challenge(await client.ExchangeAsync(RawTurnClient.AllocateRequest()), "test.local");
        Assert.True(client.TakeChallenge(await client.ExchangeAsync(RawTurnClient.AllocateRequest())));
        client.UseCredentials(StaleNonceCoturnFixture.User);
        await Task.Delay(TimeSpan.FromSeconds(StaleNonceCoturnFixture.NonceLifetimeSeconds + 1.1));

        var stale = await client.AllocateAgainAsync();

        Assert.Equal("Stale nonce", TurnAssert.Error(stale, 438));
        Assert.True(client.TakeChallenge(stale));
        TurnAssert.Allocated(await client.AllocateAgainAsync());
    }

    private async Task<StunMessage> RefreshUntilStaleAsync(RawTurnClient client)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var answer = await client.RefreshAsync(600);
            if (answer.Class != StunClass.SuccessResponse || watch.Elapsed > StaleBound)
            {
                return answer;
            }

            await Task.Delay(200);
        }
    }
}
