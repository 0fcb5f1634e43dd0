namespace TelnyxNet.Infrastructure;

/// <summary>
/// Every error id the module raises. They are part of the contract: scripts match
/// <c>$_.FullyQualifiedErrorId</c> against them (the id, then ",", then the cmdlet's class name).
/// </summary>
public static class ErrorIds
{
    /// <summary>A -Server value is not a server address the cmdlet understands (host, host:port, [IPv6]:port, stun:/stuns: or turn:/turns: URI). Non-terminating; the other servers are still tested.</summary>
    public const string InvalidServer = "InvalidServer";

    /// <summary>A -Server URI names a transport (stuns:, turns:, ?transport=) that -Transport leaves out. Non-terminating; the other servers are still tested.</summary>
    public const string TransportConflict = "TransportConflict";

    /// <summary>Credential parameters that exclude each other: -Credential with -SharedSecret, or -Username without -SharedSecret. Terminating; nothing is tested.</summary>
    public const string ConflictingCredentials = "ConflictingCredentials";

    /// <summary>A credential that cannot be sent: an empty user name, or one of 509 bytes or more (RFC 8489 §14.3). Terminating; nothing is tested.</summary>
    public const string InvalidCredential = "InvalidCredential";

    /// <summary>The engine failed in a way that is not a probe result (a bug); terminating.</summary>
    public const string EngineFailure = "EngineFailure";

    /// <summary>A -DnsServer value is not an IP address or [IPv6]:port / IPv4:port. Terminating; nothing is tested.</summary>
    public const string InvalidDnsServer = "InvalidDnsServer";
}
