using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests TURN allocation and relaying (RFC 8656) against Telnyx's TURN server or any other.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxTurn", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(TurnAllocationResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxTurnCommand : TurnCredentialCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<TurnServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>
    /// Servers: turn:/turns: URIs (RFC 7065), host, host:port or [IPv6]:port; WebRTC iceServers
    /// entries (their turn:/turns: URLs, tested with the entry's own username and credential);
    /// objects with Server and Port. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Tests only these transports (Udp, Tcp, Tls); servers and URIs of other transports are left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public TransportProtocol[]? Transport { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on each server's test, in seconds (1 to 600). Default 10.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Allocates only, without proving that the relay forwards data.</summary>
    [Parameter]
    public SwitchParameter SkipRelayCheck { get; set; }

    /// <summary>How many servers are tested at once (1 to 1024); the others wait for a turn. Default 32.</summary>
    [Parameter]
    [ValidateRange(1, ProbeOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

    /// <summary>Returns only $true when at least one transport relayed successfully, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        _serverGiven |= TurnServerArguments.Read(this, Server, Transport, _servers);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var servers = _serverGiven ? _servers : TelnyxEndpoints.DefaultTurnServers(Transport);
        if (servers.Count == 0)
        {
            WriteNothingToTest("No server to test.", Quiet);
            return;
        }

        var options = new TurnAllocationOptions
        {
            Servers = servers,
            Credential = TurnCredential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ThrottleLimit = ThrottleLimit,
            SkipRelayCheck = SkipRelayCheck,
        };
        var results = RunEngine((log, progress, token) => TurnAllocationProbe.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, TurnAllocationProbe.Passed);
    }
}
