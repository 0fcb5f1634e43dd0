using System.Security.Cryptography;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>A long-term credential (RFC 8489 §9.2): a user name and its password.</summary>
public sealed record TurnUser(string Name, string Password)
{
    /// <summary>
    /// A TURN REST API credential for coturn's <c>--use-auth-secret</c> mode: the user name is
    /// <c>"&lt;unix expiry&gt;:&lt;name&gt;"</c> and the password is
    /// <c>base64(HMAC-SHA1(secret, user name))</c>, valid until <paramref name="validFor"/> from now
    /// (negative for one that has already expired).
    /// </summary>
    public static TurnUser FromRestSecret(string secret, string name, TimeSpan validFor)
    {
        var expiry = DateTimeOffset.UtcNow.Add(validFor).ToUnixTimeSeconds();
        var username = expiry.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + name;
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
        return new TurnUser(username, password);
    }
}
