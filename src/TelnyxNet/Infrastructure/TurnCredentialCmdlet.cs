using System.Management.Automation;
using System.Security;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// Base of the cmdlets that allocate on TURN servers (Test-TelnyxTurn, Get-TelnyxIceCandidate):
/// -Credential, -SharedSecret and -Username, read into one <see cref="TurnCredential"/> before the
/// first record: the SDK's public default without any, a user name and password, or a TURN REST
/// API credential from a shared secret.
/// </summary>
public abstract class TurnCredentialCmdlet : AsyncCmdlet
{
    /// <summary>A TURN user name and password. Default: the Telnyx WebRTC SDK's public default credential.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary>A TURN REST API shared secret: the user name is "expiry:Username" (valid 1 hour), the password base64(HMAC-SHA1(secret, user name)).</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? SharedSecret { get; set; }

    /// <summary>The name part of the -SharedSecret user name. Default: telnyxnet.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Username { get; set; }

    /// <summary>The credential the parameters give, once <see cref="BeginProcessing"/> has run.</summary>
    protected TurnCredential TurnCredential { get; private set; } = TurnCredential.TelnyxDefault;

    /// <summary>Reads the credential; conflicting or invalid parameters are terminating errors (ConflictingCredentials, InvalidCredential).</summary>
    protected override void BeginProcessing()
    {
        if (Credential != null && SharedSecret != null)
        {
            Stop(ErrorIds.ConflictingCredentials, new ArgumentException("-Credential and -SharedSecret cannot be used together: give a user name and password, or a shared secret."));
        }

        if (Username != null && SharedSecret is null)
        {
            Stop(ErrorIds.ConflictingCredentials, new ArgumentException("-Username names the user of a -SharedSecret credential; with -Credential the user name is the credential's own."));
        }

        try
        {
            TurnCredential = SharedSecret != null
                ? TurnCredential.FromSharedSecret(SharedSecret, Username)
                : Credential != null ? TurnCredential.FromPassword(Credential.UserName, Credential.Password) : TurnCredential.TelnyxDefault;
        }
        catch (ArgumentException ex)
        {
            Stop(ErrorIds.InvalidCredential, ex);
        }
    }

    private void Stop(string errorId, ArgumentException exception) =>
        ThrowTerminatingError(new ErrorRecord(exception, errorId, ErrorCategory.InvalidArgument, null));
}
