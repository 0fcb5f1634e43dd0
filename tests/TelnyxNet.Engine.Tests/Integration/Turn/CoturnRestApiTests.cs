using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>coturn in TURN REST API mode: user name "&lt;unix expiry&gt;:&lt;name&gt;", password base64(HMAC-SHA1(secret, user name)).</summary>
[Collection(RestApiCoturnCollection.Name)]
public sealed class CoturnRestApiTests
{
    private readonly CoturnTurnServer _coturn;

    public CoturnRestApiTests(RestApiCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Allocates_with_a_credential_made_from_the_shared_secret()
    {
        await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
        var credential = RestApiCoturnFixture.Credential("dave");

        var answer = await client.AllocateAsync(credential);

        TurnAssert.Allocated(answer);
        Assert.Matches("^[0-9]+:dave$", credential.Name);
        Assert.Equal(1, await _coturn.Admin.AllocationCountAsync(credential.Name));
    }

    [Fact]
    public async Task Answers_401_to_an_expired_credential_a_wrong_secret_and_a_static_user()
    {
        var expired = TurnUser.FromRestSecret(RestApiCoturnFixture.Secret, "erin", TimeSpan.FromMinutes(-1));
        var wrongSecret = TurnUser.FromRestSecret("not-the-secret", "erin", TimeSpan.FromHours(1));
        var staticUser = new TurnUser("alice", "secret123");

        foreach (var credential in new[] { expired, wrongSecret, staticUser })
        {
            await using var client = RawTurnClient.OverUdp(_coturn.EndPoint);
            var answer = await client.AllocateAsync(credential);
            TurnAssert.Challenge(answer, "test.local");
        }
    }
}
