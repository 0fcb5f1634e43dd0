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

    /// <summary>A -Uri value is not a WebSocket URI (wss://host[:port][/path], ws://…, or a host). Non-terminating; the other URIs are still tested.</summary>
    public const string InvalidUri = "InvalidUri";

    /// <summary>A -Proxy value is not an HTTP proxy (http://host:port or host:port); an https:// or SOCKS proxy is not supported. Terminating; nothing is tested.</summary>
    public const string InvalidProxy = "InvalidProxy";

    /// <summary>-Proxy and -NoProxy together, or -ProxyCredential with -NoProxy. Terminating; nothing is tested.</summary>
    public const string ConflictingProxySettings = "ConflictingProxySettings";

    /// <summary>A -Catalog file that cannot be used: missing, unreadable, not JSON, or a row with a missing or invalid field (the message names the file, row, field and line). Terminating; nothing is tested.</summary>
    public const string InvalidCatalog = "InvalidCatalog";

    /// <summary>Catalog rows from the pipeline together with -Catalog: say which rules to test one way. Terminating; nothing is tested.</summary>
    public const string ConflictingCatalog = "ConflictingCatalog";

    /// <summary>Export-TelnyxReport: an input object is not a Test-TelnyxConnectivity report (live or deserialized). Non-terminating; the other reports are written.</summary>
    public const string InvalidReport = "InvalidReport";

    /// <summary>Export-TelnyxReport: no report came in. Terminating; no file is written.</summary>
    public const string NoReport = "NoReport";

    /// <summary>Export-TelnyxReport: the file exists and -NoClobber was given. Terminating.</summary>
    public const string ReportFileExists = "ReportFileExists";

    /// <summary>Export-TelnyxReport: the file cannot be written (a missing folder, no permission, a bad path). Terminating.</summary>
    public const string ReportNotWritten = "ReportNotWritten";

    /// <summary>A -StunServer value that is not a UDP STUN server.</summary>
    public const string InvalidStunServer = "InvalidStunServer";
}
