using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Measures the quality a call's media gets through a TURN relay: RTT, jitter, loss and the estimated MOS of an RTP stream shaped like a G.711 call, judged as the Telnyx WebRTC SDK judges them.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "TelnyxMediaPath", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(MediaPathQuality), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class MeasureTelnyxMediaPathCommand : TurnCredentialCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<TurnServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>
    /// TURN servers to measure through, as Test-TelnyxTurn takes them: turn:/turns: URIs, host,
    /// host:port or [IPv6]:port; WebRTC iceServers entries (with their own username and credential);
    /// objects with Server and Port. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Only these transports (Udp, Tcp, Tls); servers and URIs of other transports are left out.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public TransportProtocol[]? Transport { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to measure through.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>How long to stream, in seconds (1 to 120): 50 RTP packets a second. Default 5, like the SDK's pre-call test.</summary>
    [Parameter]
    [ValidateRange(1, 120)]
    public int DurationSeconds { get; set; } = 5;

    /// <summary>The bound on setting up the relay, in seconds (1 to 600). Default 10. The stream, the wait for its last echoes (at most 2 s) and the clean-up come on top.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How many servers are tested at once (1 to 1024); the others wait for a turn. Default 32.</summary>
    [Parameter]
    [ValidateRange(1, ProbeOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

    /// <summary>Returns only $true when media went through some relay both ways with Good or Fair quality, else $false.</summary>
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
            WriteNothingToTest("No server to measure through.", Quiet);
            return;
        }

        var options = new MediaPathOptions
        {
            Servers = servers,
            Credential = TurnCredential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ThrottleLimit = ThrottleLimit,
            Duration = TimeSpan.FromSeconds(DurationSeconds),
        };
        var results = RunEngine((log, progress, token) => MediaPathProbe.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, MediaPathProbe.Passed);
    }
}
