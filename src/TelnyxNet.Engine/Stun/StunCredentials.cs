using System.Security.Cryptography;
using System.Text;

namespace TelnyxNet.Engine.Stun;

/// <summary>HMAC keys for the two STUN credential mechanisms (RFC 8489 §9).</summary>
public static class StunCredentials
{
    /// <summary>Short-term key (RFC 8489 §9.1.1): the UTF-8 bytes of the SASLprep'd password.</summary>
    public static byte[] ShortTermKey(string password) => Encoding.UTF8.GetBytes(SaslPrep.Prepare(password));

    /// <summary>
    /// Long-term key (RFC 8489 §9.2.2): MD5 (or SHA-256) of
    /// <c>username ":" realm ":" SASLprep(password)</c> in UTF-8.
    /// </summary>
    public static byte[] LongTermKey(string username, string realm, string password, StunPasswordAlgorithm algorithm = StunPasswordAlgorithm.Md5)
    {
        if (username is null)
        {
            throw new ArgumentNullException(nameof(username));
        }

        if (realm is null)
        {
            throw new ArgumentNullException(nameof(realm));
        }

        var input = Encoding.UTF8.GetBytes(username + ":" + realm + ":" + SaslPrep.Prepare(password));
        try
        {
            using HashAlgorithm hash = algorithm switch
            {
                StunPasswordAlgorithm.Md5 => MD5.Create(),
                StunPasswordAlgorithm.Sha256 => SHA256.Create(),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown password algorithm."),
            };
            return hash.ComputeHash(input);
        }
        finally
        {
            Array.Clear(input, 0, input.Length);
        }
    }
}
