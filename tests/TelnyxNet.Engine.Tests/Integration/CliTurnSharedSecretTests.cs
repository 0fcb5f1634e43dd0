using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// <c>telnyxnet turn --shared-secret</c> as a process against the coturn that takes only TURN REST
/// API credentials: the secret from TELNYXNET_TURN_SECRET, the derived user name, a wrong secret,
/// no secret in any output, and no allocation left on the server (coturn's admin CLI counts them).
/// </summary>
[Collection(RestApiCoturnCollection.Name)]
public sealed class CliTurnSharedSecretTests
{
    private readonly CoturnTurnServer _coturn;

    public CliTurnSharedSecretTests(RestApiCoturnFixture fixture) => _coturn = fixture.Server;

    private string Server => "turn:127.0.0.1:" + _coturn.Port;

    private static IReadOnlyDictionary<string, string?> Secret => TurnCliRuns.Environment(secret: RestApiCoturnFixture.Secret);

    [Fact]
    public async Task Relays_with_the_user_name_expiry_colon_name_valid_for_one_hour()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var run = await TelnyxCli.RunAsync(Secret, "turn", "--server", Server, "--shared-secret", "--username", "monitor", "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 0));
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.True(result.GetProperty("relayVerified").GetBoolean());
        Assert.Equal("SharedSecret", result.GetProperty("credentialSource").GetString());
        var username = result.GetProperty("username").GetString()!.Split(':');
        Assert.Equal("monitor", username[1]);
        Assert.InRange(long.Parse(username[0], CultureInfo.InvariantCulture), before + 3600, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600);
    }

    [Fact]
    public async Task Names_the_user_telnyxnet_without_username()
    {
        var run = await TelnyxCli.RunAsync(Secret, "turn", "--server", Server, "--shared-secret", "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 0));
        Assert.EndsWith(":telnyxnet", result.GetProperty("username").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_with_AuthenticationFailed_for_a_wrong_secret()
    {
        var run = await TelnyxCli.RunAsync(TurnCliRuns.Environment(secret: "not-the-secret"), "turn", "--server", Server, "--shared-secret", "--json");

        var result = Assert.Single(TurnCliRuns.Json(run, 1));
        Assert.Equal("AuthenticationFailed", result.GetProperty("failureReason").GetString());
        Assert.True(result.GetProperty("serverReachable").GetBoolean());
        Assert.Equal("SharedSecret", result.GetProperty("credentialSource").GetString());
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--csv")]
    [InlineData("--verbose")]
    public async Task Never_prints_the_secret_the_derived_password_or_its_key(string format)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var run = await TelnyxCli.RunAsync(Secret, "turn", "--server", Server, "--transport", "udp", "--transport", "tcp", "--shared-secret", "--username", "leakcheck", "--verbose", format);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("VERBOSE: ", run.StandardError, StringComparison.Ordinal);
        Assert.Contains(":leakcheck", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        var usernames = Enumerable.Range(0, (int)(after - before) + 1).Select(i => (before + 3600 + i).ToString(CultureInfo.InvariantCulture) + ":leakcheck");
        var forms = usernames.SelectMany(u => TurnCliRuns.SecretForms(u, _coturn.Realm, RestPassword(u))).Append(RestApiCoturnFixture.Secret);
        TurnCliRuns.AssertNoSecret(run, forms);
    }

    [Fact]
    public async Task Leaves_no_allocation_on_the_server()
    {
        var run = await TelnyxCli.RunAsync(Secret, "turn", "--server", "127.0.0.1:" + _coturn.Port, "--shared-secret", "--username", "cleanup", "--json");

        var results = TurnCliRuns.Json(run, 0);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.GetProperty("deallocated").GetBoolean()));
        var username = results[0].GetProperty("username").GetString()!;
        Assert.Equal(0, await _coturn.Admin.WaitForAllocationCountAsync(0, username));
    }

    /// <summary>The TURN REST API password: base64(HMAC-SHA1(secret, user name)).</summary>
    private static string RestPassword(string username)
    {
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(RestApiCoturnFixture.Secret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(username)));
    }
}
