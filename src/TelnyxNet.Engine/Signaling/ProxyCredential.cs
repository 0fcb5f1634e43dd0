using System.Security;
using System.Text;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// A user name and password for an HTTP proxy, sent as Basic authentication (RFC 7617) on CONNECT.
/// The password is held in a read-only <see cref="SecureString"/> and becomes plain text only while
/// the Proxy-Authorization header is made; <see cref="ToString"/> names the user, never the password.
/// </summary>
public sealed class ProxyCredential
{
    private readonly SecureString _password;

    private ProxyCredential(string username, SecureString password)
    {
        Username = username;
        _password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>A credential from a PSCredential, a prompt or a proxy URI's user information.</summary>
    public static ProxyCredential FromPassword(string username, SecureString password)
    {
        if (string.IsNullOrEmpty(username) || username.IndexOf(':') >= 0)
        {
            throw new ArgumentException("A proxy user name must not be empty or hold ':' (RFC 7617 §2).", nameof(username));
        }

        return new ProxyCredential(username, SecureText.Copy(password ?? throw new ArgumentNullException(nameof(password))));
    }

    /// <summary>The value of Proxy-Authorization: <c>Basic base64(user ":" password)</c> in UTF-8 (RFC 7617 §2.1).</summary>
    internal string BasicAuthorization() =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + SecureText.Reveal(_password)));

    /// <inheritdoc />
    public override string ToString() => Username;
}
