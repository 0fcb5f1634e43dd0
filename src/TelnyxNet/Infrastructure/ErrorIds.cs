namespace TelnyxNet.Infrastructure;

/// <summary>
/// Every error id the module raises. They are part of the contract: scripts match
/// <c>$_.FullyQualifiedErrorId</c> against them (the id, then ",", then the cmdlet's class name).
/// </summary>
public static class ErrorIds
{
    /// <summary>A -Server value is not a host, host:port, [IPv6]:port or stun:/stuns: URI. Non-terminating; the other servers are still tested.</summary>
    public const string InvalidServer = "InvalidServer";

    /// <summary>The engine failed in a way that is not a probe result (a bug); terminating.</summary>
    public const string EngineFailure = "EngineFailure";
}
