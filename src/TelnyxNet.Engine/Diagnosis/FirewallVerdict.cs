namespace TelnyxNet.Engine.Diagnosis;

/// <summary>What a firewall rule's probe proved about the rule.</summary>
public enum FirewallVerdict
{
    /// <summary>The traffic passes: the server answered.</summary>
    Allowed,

    /// <summary>Silently dropped (nothing came back in time), or stopped by a proxy on the path (refused CONNECT, authentication, WebSocket refused).</summary>
    Blocked,

    /// <summary>Actively rejected: a TCP reset or an ICMP error came back.</summary>
    Rejected,

    /// <summary>The rule's host did not resolve, so nothing could be sent.</summary>
    DnsFailure,

    /// <summary>TLS inspection on the path: the certificate is re-signed by an inspecting proxy or firewall.</summary>
    Intercepted,

    /// <summary>Something answered, but the exchange failed otherwise (a service that is not the expected one, a broken answer); see Evidence.</summary>
    Failed,

    /// <summary>No client-side probe can prove the rule (an RTP range), or none exists yet (SIP); the result says what would.</summary>
    NotTestable,
}
