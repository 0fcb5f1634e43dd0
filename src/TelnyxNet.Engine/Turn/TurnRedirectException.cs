using System.Net;

namespace TelnyxNet.Engine.Turn;

/// <summary>A 300 Try Alternate (RFC 8489 §10): the server sends the client to ALTERNATE-SERVER (and, for TLS, ALTERNATE-DOMAIN).</summary>
internal sealed class TurnRedirectException : Exception
{
    public TurnRedirectException(IPEndPoint alternate, string? domain, string reason)
        : base("The server redirected to " + alternate + (domain is null ? string.Empty : " (" + domain + ")") + " with 300 " + reason + ".")
    {
        Alternate = alternate;
        Domain = domain;
    }

    /// <summary>ALTERNATE-SERVER.</summary>
    public IPEndPoint Alternate { get; }

    /// <summary>ALTERNATE-DOMAIN (RFC 8489 §14.16), the name to check the alternate's certificate against.</summary>
    public string? Domain { get; }
}
