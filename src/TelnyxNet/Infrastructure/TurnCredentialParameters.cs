using System.Management.Automation;
using System.Security;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// The TURN credential of -Credential, -SharedSecret and -Username, as every cmdlet that
/// allocates on a TURN server takes them: the SDK's public default without any, a user name and
/// password, or a TURN REST API credential from a shared secret.
/// </summary>
internal static class TurnCredentialParameters
{
    /// <summary>The credential, or null with the terminating <paramref name="error"/> (ConflictingCredentials, InvalidCredential) to throw.</summary>
    public static TurnCredential? Create(PSCredential? credential, SecureString? sharedSecret, string? username, out ErrorRecord? error)
    {
        error = null;
        if (credential != null && sharedSecret != null)
        {
            error = Invalid(ErrorIds.ConflictingCredentials, "-Credential and -SharedSecret cannot be used together: give a user name and password, or a shared secret.");
            return null;
        }

        if (username != null && sharedSecret is null)
        {
            error = Invalid(ErrorIds.ConflictingCredentials, "-Username names the user of a -SharedSecret credential; with -Credential the user name is the credential's own.");
            return null;
        }

        try
        {
            return sharedSecret != null
                ? TurnCredential.FromSharedSecret(sharedSecret, username)
                : credential != null ? TurnCredential.FromPassword(credential.UserName, credential.Password) : TurnCredential.TelnyxDefault;
        }
        catch (ArgumentException ex)
        {
            error = new ErrorRecord(ex, ErrorIds.InvalidCredential, ErrorCategory.InvalidArgument, null);
            return null;
        }
    }

    private static ErrorRecord Invalid(string errorId, string message) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, null);
}
