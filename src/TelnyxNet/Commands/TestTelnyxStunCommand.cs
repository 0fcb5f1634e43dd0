using System.Management.Automation;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests STUN Binding (RFC 8489) against Telnyx's STUN servers or any other.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxStun", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(StunBindingResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxStunCommand : AsyncCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<StunServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>
    /// Servers: host, host:port, [IPv6]:port, stun:host:port or stuns:host:port; WebRTC iceServers
    /// entries (their stun:/stuns: URLs); objects with Server and Port. Default: stun.telnyx.com:3478
    /// and stun.l.google.com:19302.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Udp (default), Tcp or Tls. A stuns: URI always means Tls.</summary>
    [Parameter]
    public TransportProtocol Transport { get; set; } = TransportProtocol.Udp;

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on each server's test, in seconds (1 to 600). Default 5.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Binding requests per server address (1 to 1000); above 1, min/avg/max RTT are reported.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int Count { get; set; } = 1;

    /// <summary>How many servers are tested at once (1 to 1024); the others wait for a turn. Default 32.</summary>
    [Parameter]
    [ValidateRange(1, ProbeOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

    /// <summary>Returns only $true when at least one server answered, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        _serverGiven |= StunServerArguments.Read(this, Server, Transport, MyInvocation.BoundParameters.ContainsKey(nameof(Transport)), _servers);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_serverGiven && _servers.Count == 0)
        {
            WriteNothingToTest("No valid server to test.", Quiet);
            return;
        }

        var options = new StunBindingOptions
        {
            Servers = _serverGiven ? _servers : Engine.Diagnosis.TelnyxEndpoints.DefaultStunServers(Transport),
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ThrottleLimit = ThrottleLimit,
            Count = Count,
        };
        var results = RunEngine((log, progress, token) => StunBindingProbe.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, StunBindingProbe.Passed);
    }
}
