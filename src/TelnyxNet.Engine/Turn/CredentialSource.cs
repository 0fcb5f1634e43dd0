namespace TelnyxNet.Engine.Turn;

/// <summary>Where the TURN credential of a test came from (reported; the secret never is).</summary>
public enum CredentialSource
{
    /// <summary>The public default credential of the Telnyx WebRTC SDK.</summary>
    Default,

    /// <summary>A user name and password given by the user.</summary>
    Credential,

    /// <summary>An ephemeral credential derived from a shared secret (TURN REST API).</summary>
    SharedSecret,

    /// <summary>The server's own WebRTC <c>iceServers</c> entry (its <c>username</c> and <c>credential</c>).</summary>
    IceServer,
}
