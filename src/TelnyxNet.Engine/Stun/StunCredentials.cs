using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Internal;

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
            return algorithm switch
            {
                StunPasswordAlgorithm.Md5 => Md5(input),
                StunPasswordAlgorithm.Sha256 => Sha256(input),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown password algorithm."),
            };
        }
        finally
        {
            Array.Clear(input, 0, input.Length);
        }
    }

    /// <summary>The platform's MD5, or the managed one where the platform refuses MD5 (FIPS mode: Windows throws on creation, OpenSSL on use).</summary>
    private static byte[] Md5(byte[] input)
    {
        try
        {
            using var md5 = MD5.Create();
            return md5.ComputeHash(input);
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is TargetInvocationException || ex is CryptographicException || ex is PlatformNotSupportedException)
        {
            return ManagedMd5.Hash(input);
        }
    }

    private static byte[] Sha256(byte[] input)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(input);
    }
}
