using System.Globalization;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>The TURN probe with TURN REST API credentials derived from a shared secret (coturn's --use-auth-secret).</summary>
[Collection(RestApiCoturnCollection.Name)]
public sealed class TurnProbeRestApiTests
{
    private readonly CoturnTurnServer _coturn;

    public TurnProbeRestApiTests(RestApiCoturnFixture fixture) => _coturn = fixture.Server;

    [Fact]
    public async Task Allocates_and_relays_with_a_credential_derived_from_the_shared_secret()
    {
        var expiry = DateTimeOffset.UtcNow.AddHours(1);
        var credential = TurnCredential.FromSharedSecret(Secrets.Secure(RestApiCoturnFixture.Secret), "telnyxnet", expiry);

        var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + _coturn.Port, credential));

        TurnRun.AssertRelayed(result);
        Assert.Equal(nameof(CredentialSource.SharedSecret), result.CredentialSource);
        Assert.Equal(expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":telnyxnet", result.Username);
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0));
    }

    [Fact]
    public async Task Reports_an_expired_or_wrong_secret_as_authentication_failed_with_advice_for_secrets()
    {
        var expired = TurnCredential.FromSharedSecret(Secrets.Secure(RestApiCoturnFixture.Secret), "telnyxnet", DateTimeOffset.UtcNow.AddMinutes(-5));
        var wrong = TurnCredential.FromSharedSecret(Secrets.Secure("not-" + RestApiCoturnFixture.Secret), "telnyxnet", DateTimeOffset.UtcNow.AddHours(1));

        foreach (var credential in new[] { expired, wrong })
        {
            var result = await TurnRun.OneAsync(TurnProbeOptions.For("turn:127.0.0.1:" + _coturn.Port, credential));

            TurnRun.AssertFailed(result, FailureReason.AuthenticationFailed);
            Assert.True(result.ServerReachable);
            Assert.Contains("shared secret", result.Remediation, StringComparison.Ordinal);
        }
    }
}
