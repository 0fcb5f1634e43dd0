using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// A TURN long-term credential (RFC 8489 §9.2). The password is held in a read-only
/// <see cref="SecureString"/> and is turned into plain text only while the HMAC key is derived;
/// <see cref="ToString"/> names the user and the source, never the secret.
/// </summary>
public sealed class TurnCredential
{
    private readonly SecureString? _password;
    private readonly SecureString? _secret;

    private TurnCredential(string username, CredentialSource source, SecureString? password, SecureString? secret)
    {
        Username = username;
        Source = source;
        _password = password;
        _secret = secret;
    }

    /// <summary>The public default credential of the Telnyx WebRTC SDK (shared/reference/telnyx-facts.md).</summary>
    public static TurnCredential TelnyxDefault { get; } = new(TelnyxEndpoints.TurnDefaultUsername, CredentialSource.Default, SecureText.ReadOnly(TelnyxEndpoints.TurnDefaultPassword), null);

    /// <summary>The user name sent in USERNAME.</summary>
    public string Username { get; }

    /// <summary>Where the credential came from.</summary>
    public CredentialSource Source { get; }

    /// <summary>A user name and password (PSCredential, or the CLI's environment variable or prompt).</summary>
    public static TurnCredential FromPassword(string username, SecureString password)
    {
        CheckUsername(username);
        return new TurnCredential(username, CredentialSource.Credential, SecureText.Copy(password ?? throw new ArgumentNullException(nameof(password))), null);
    }

    /// <summary>The <c>username</c> and <c>credential</c> of a WebRTC <c>iceServers</c> entry (RTCIceServer), for that entry's URLs only.</summary>
    public static TurnCredential FromIceServer(string username, SecureString password)
    {
        CheckUsername(username);
        return new TurnCredential(username, CredentialSource.IceServer, SecureText.Copy(password ?? throw new ArgumentNullException(nameof(password))), null);
    }

    /// <summary>
    /// An ephemeral credential of the TURN REST API (draft-uberti-behave-turn-rest §2.2, as coturn's
    /// --use-auth-secret implements it): user name <c>"&lt;unix expiry&gt;:&lt;name&gt;"</c>,
    /// password <c>base64(HMAC-SHA1(secret, user name))</c>.
    /// </summary>
    public static TurnCredential FromSharedSecret(SecureString secret, string name, DateTimeOffset expiry)
    {
        CheckUsername(name);
        var username = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ":" + name;
        return new TurnCredential(username, CredentialSource.SharedSecret, null, SecureText.Copy(secret ?? throw new ArgumentNullException(nameof(secret))));
    }

    /// <summary>
    /// The REST API credential the front ends make: user name <c>"&lt;now + 1 h&gt;:&lt;name&gt;"</c>,
    /// the name defaulting to <see cref="TelnyxEndpoints.TurnRestName"/> (see <see cref="TelnyxEndpoints.TurnRestLifetime"/>).
    /// </summary>
    public static TurnCredential FromSharedSecret(SecureString secret, string? name = null) =>
        FromSharedSecret(secret, name ?? TelnyxEndpoints.TurnRestName, DateTimeOffset.UtcNow + TelnyxEndpoints.TurnRestLifetime);

    /// <summary>Why <paramref name="username"/> cannot be a TURN user name (empty, or over USERNAME's 508 bytes, RFC 8489 §14.3), or null when it can.</summary>
    public static string? UsernameError(string? username) =>
        string.IsNullOrEmpty(username) ? "the user name must not be empty."
        : Encoding.UTF8.GetByteCount(username) > 508 ? "the user name must be under 509 bytes of UTF-8 (RFC 8489 §14.3)."
        : null;

    /// <summary>The long-term key for <paramref name="realm"/> (RFC 8489 §9.2.2), derived now and owned by the caller.</summary>
    public byte[] DeriveKey(string realm, StunPasswordAlgorithm algorithm)
    {
        var password = _secret is null ? SecureText.Reveal(_password!) : RestPassword();
        return StunCredentials.LongTermKey(Username, realm, password, algorithm);
    }

    /// <inheritdoc />
    public override string ToString() => Username + " (" + Source + ")";

    private string RestPassword()
    {
        var secret = Encoding.UTF8.GetBytes(SecureText.Reveal(_secret!));
        try
        {
            using var hmac = new HMACSHA1(secret);
            return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(Username)));
        }
        finally
        {
            Array.Clear(secret, 0, secret.Length);
        }
    }

    private static void CheckUsername(string username)
    {
        if (UsernameError(username) is string error)
        {
            throw new ArgumentException(error, nameof(username));
        }
    }
}
