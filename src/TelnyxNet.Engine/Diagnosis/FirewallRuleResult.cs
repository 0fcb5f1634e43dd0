namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// One catalog rule tested with the probe that proves it (Test-TelnyxFirewall): the verdict, what
/// the probe saw, and the change to ask the network team for. Server, Port and Transport are the
/// rule's host, port and protocol, so that the shared leading columns line up with every other
/// result; the rest follow in the order of the catalog's own columns.
/// </summary>
public sealed class FirewallRuleResult : IProbeResult
{
    internal FirewallRuleResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The rule's host (a name, an address, or * for media).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The rule's port, or the first port of its range.</summary>
    public int Port { get; internal set; }

    /// <summary>The rule's protocol: Udp, Tcp, Tls or Wss.</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when Allowed, Skipped when NotTestable, else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>The probe's failure reason (Timeout, Refused, DnsFailure, TlsIntercepted, …); None when Allowed or not tested.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>The rule's service: Signaling, Stun, Turn, Sip or Media.</summary>
    public string Service { get; internal set; } = string.Empty;

    /// <summary>The rule's port range (media), empty for a single port.</summary>
    public string PortRange { get; internal set; } = string.Empty;

    /// <summary>Outbound or Bidirectional.</summary>
    public string Direction { get; internal set; } = string.Empty;

    /// <summary>True for the documents' minimum rules.</summary>
    public bool Required { get; internal set; }

    /// <summary>A <see cref="FirewallVerdict"/> name: Allowed, Blocked, Rejected, DnsFailure, Intercepted, Failed or NotTestable.</summary>
    public string Verdict => VerdictKind.ToString();

    /// <summary>The probe that tested the rule (STUN Binding, TURN Allocate, WebSocket upgrade, …), or what would.</summary>
    public string Probe { get; internal set; } = string.Empty;

    /// <summary>The addresses the probe sent to.</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>How long the answer took, in milliseconds, when one came (the round trip or the time to open the connection).</summary>
    public double? ResponseTimeMs { get; internal set; }

    /// <summary>What the probe saw, per address.</summary>
    public string Evidence { get; internal set; } = string.Empty;

    /// <summary>The rule as a network team writes it ("Allow outbound UDP 3478 to stun.telnyx.com").</summary>
    public string Rule { get; internal set; } = string.Empty;

    /// <summary>The verdict in a sentence.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>The request for the network team (empty when Allowed).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the test started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <summary>The verdict as the engine's enum.</summary>
    internal FirewallVerdict VerdictKind { get; set; }

    /// <inheritdoc />
    public override string ToString() => Service + " " + Transport + " " + (PortRange.Length > 0 ? PortRange : Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " " + Server + ": " + Verdict;
}
