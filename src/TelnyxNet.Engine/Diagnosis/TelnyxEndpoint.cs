using System.Globalization;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// One row of the endpoint catalog (Get-TelnyxEndpoint): a destination the Telnyx documents name
/// and the firewall rule it needs. It describes Telnyx, not a machine, so it has no ComputerName.
/// Flat values only, so that <c>Export-Csv</c> writes a firewall change request and
/// <c>ConvertTo-Json</c> writes a file that <c>-Catalog</c> reads back.
/// </summary>
public sealed class TelnyxEndpoint
{
    internal TelnyxEndpoint(EndpointService service, string host, int? port, PortSpan? range, EndpointProtocol protocol, EndpointDirection direction, bool required, string purpose, string source, TelnyxEnvironment environment)
    {
        ServiceKind = service;
        Host = host;
        Port = port;
        Range = range;
        ProtocolKind = protocol;
        DirectionKind = direction;
        Required = required;
        Purpose = purpose;
        Source = source;
        EnvironmentKind = environment;
    }

    /// <summary>An <see cref="EndpointService"/> name: Signaling, Stun, Turn, Sip or Media.</summary>
    public string Service => ServiceKind.ToString();

    /// <summary>The destination: a host name, an IP address, a CIDR block, or <c>*</c> for any destination (media).</summary>
    public string Host { get; }

    /// <summary>The destination port; null for a port range.</summary>
    public int? Port { get; }

    /// <summary>The destination port range, <c>first-last</c> (media); empty for a single port.</summary>
    public string PortRange => Range?.ToString() ?? string.Empty;

    /// <summary>An <see cref="EndpointProtocol"/> name: Udp, Tcp, Tls or Wss.</summary>
    public string Protocol => ProtocolKind.ToString();

    /// <summary>An <see cref="EndpointDirection"/> name: Outbound or Bidirectional.</summary>
    public string Direction => DirectionKind.ToString();

    /// <summary>True for the documents' minimum rules, false for optional ("optional but recommended") ones.</summary>
    public bool Required { get; }

    /// <summary>What the destination is for.</summary>
    public string Purpose { get; }

    /// <summary>Which document names the destination.</summary>
    public string Source { get; }

    /// <summary>A <see cref="TelnyxEnvironment"/> name: Production or Development.</summary>
    public string Environment => EnvironmentKind.ToString();

    /// <summary>The rule as a network team writes it: "Allow outbound UDP 3478 to stun.telnyx.com".</summary>
    public string Rule =>
        "Allow " + (DirectionKind == EndpointDirection.Bidirectional ? string.Empty : "outbound ") + ProtocolWords + " " + PortText
        + (DirectionKind == EndpointDirection.Bidirectional ? " both ways between this machine and " : " to ") + HostWords;

    /// <summary>The service as the engine's enum.</summary>
    internal EndpointService ServiceKind { get; }

    /// <summary>The protocol as the engine's enum.</summary>
    internal EndpointProtocol ProtocolKind { get; }

    /// <summary>The direction as the engine's enum.</summary>
    internal EndpointDirection DirectionKind { get; }

    /// <summary>The environment as the engine's enum.</summary>
    internal TelnyxEnvironment EnvironmentKind { get; }

    /// <summary>The port range, when the row has one.</summary>
    internal PortSpan? Range { get; }

    /// <summary>The port, or the first port of the range.</summary>
    internal int FirstPort => Port ?? Range!.First;

    /// <summary>"UDP", "TCP", "TCP (TLS)" or "TCP (WSS)".</summary>
    internal string ProtocolWords => ProtocolKind switch
    {
        EndpointProtocol.Udp => "UDP",
        EndpointProtocol.Tcp => "TCP",
        EndpointProtocol.Tls => "TCP (TLS)",
        _ => "TCP (WSS)",
    };

    /// <summary>"3478" or "16384-32768".</summary>
    internal string PortText => Port?.ToString(CultureInfo.InvariantCulture) ?? Range!.ToString();

    /// <summary>The host, or "any Telnyx media server" for <c>*</c>.</summary>
    internal string HostWords => Host == EndpointCatalog.AnyHost ? "any Telnyx media server" : Host;

    /// <summary>Rows that name the same destination and rule (environment included).</summary>
    internal string Key => string.Join("|", EnvironmentKind, ServiceKind, Host.ToLowerInvariant(), PortText, ProtocolKind);

    /// <inheritdoc />
    public override string ToString() => Service + ": " + Rule;
}

/// <summary>A port range <c>first-last</c>, both inclusive.</summary>
internal sealed class PortSpan
{
    public PortSpan(int first, int last)
    {
        First = first;
        Last = last;
    }

    public int First { get; }

    public int Last { get; }

    public override string ToString() => First.ToString(CultureInfo.InvariantCulture) + "-" + Last.ToString(CultureInfo.InvariantCulture);
}
