using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>TURN credentials: the SDK default, a user's password, and TURN REST API shared secrets.</summary>
public sealed class TurnCredentialTests
{
    [Fact]
    public void Derives_the_RFC_8489_long_term_key_from_a_password()
    {
        var credential = TurnCredential.FromPassword("alice", Secrets.Secure("secret123"));

        Assert.Equal(StunCredentials.LongTermKey("alice", "test.local", "secret123"), credential.DeriveKey("test.local", StunPasswordAlgorithm.Md5));
        Assert.Equal(StunCredentials.LongTermKey("alice", "test.local", "secret123", StunPasswordAlgorithm.Sha256), credential.DeriveKey("test.local", StunPasswordAlgorithm.Sha256));
        Assert.Equal(CredentialSource.Credential, credential.Source);
    }

    [Fact]
    public void Makes_REST_API_credentials_from_a_shared_secret()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var credential = TurnCredential.FromSharedSecret(Secrets.Secure("north-secret"), "telnyxnet", expiry);

        Assert.Equal("1800000000:telnyxnet", credential.Username);
        Assert.Equal(CredentialSource.SharedSecret, credential.Source);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes("north-secret"));
        var password = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes("1800000000:telnyxnet")));
        Assert.Equal(StunCredentials.LongTermKey("1800000000:telnyxnet", "r", password), credential.DeriveKey("r", StunPasswordAlgorithm.Md5));
    }

    [Fact]
    public void Gives_the_front_ends_a_REST_credential_named_telnyxnet_valid_for_an_hour()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var credential = TurnCredential.FromSharedSecret(Secrets.Secure("s"));

        var parts = credential.Username.Split(':');
        Assert.Equal("telnyxnet", parts[1]);
        Assert.InRange(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - before, 3599, 3601);
        Assert.EndsWith(":monitor", TurnCredential.FromSharedSecret(Secrets.Secure("s"), "monitor").Username, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void Says_why_a_user_name_is_not_valid(string? username, string? reason)
    {
        var error = TurnCredential.UsernameError(username);

        if (reason is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(reason, error, StringComparison.Ordinal);
        }

        Assert.Contains("509 bytes", TurnCredential.UsernameError(new string('é', 255)), StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_SDK_default_credential_of_the_reference_facts()
    {
        var credential = TurnCredential.TelnyxDefault;

        Assert.Equal("testuser", credential.Username);
        Assert.Equal(CredentialSource.Default, credential.Source);
        Assert.Equal(StunCredentials.LongTermKey("testuser", "r", "testpassword"), credential.DeriveKey("r", StunPasswordAlgorithm.Md5));
    }

    [Fact]
    public void Shows_the_user_and_the_source_but_never_the_secret()
    {
        var credential = TurnCredential.FromPassword("bob", Secrets.Secure("hunter2"));

        Assert.Equal("bob (Credential)", credential.ToString());
    }

    [Fact]
    public void Keeps_its_own_copy_of_the_password()
    {
        var password = new System.Security.SecureString();
        foreach (var c in "abc")
        {
            password.AppendChar(c);
        }

        var credential = TurnCredential.FromPassword("bob", password);
        password.Clear();

        Assert.Equal(StunCredentials.LongTermKey("bob", "r", "abc"), credential.DeriveKey("r", StunPasswordAlgorithm.Md5));
    }

    [Theory]
    [InlineData("")]
    public void Rejects_an_empty_user_name(string username)
    {
        Assert.Throws<ArgumentException>(() => TurnCredential.FromPassword(username, Secrets.Secure("x")));
        Assert.Throws<ArgumentException>(() => TurnCredential.FromSharedSecret(Secrets.Secure("x"), username, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Rejects_a_user_name_longer_than_USERNAME_allows()
    {
        Assert.Throws<ArgumentException>(() => TurnCredential.FromPassword(new string('a', 509), Secrets.Secure("x")));
    }
}
