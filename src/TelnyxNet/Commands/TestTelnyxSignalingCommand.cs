using System.Management.Automation;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests the WebRTC signaling path (WSS to rtc.telnyx.com:443) step by step: proxy, TCP, TLS and inspection, the WebSocket upgrade, and a held connection.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxSignaling", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(SignalingResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxSignalingCommand : WebSocketCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<SignalingTarget> _targets = new();
    private bool _uriGiven;

    /// <summary>WebSocket URIs: wss://host[:port][/path], ws://…, or a host. Default: wss://rtc.telnyx.com.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Server")]
    [ValidateNotNull]
    public string[]? Uri { get; set; }

    /// <summary>Telnyx signaling regions to test ({region}.rtc.telnyx.com) instead of the anycast wss://rtc.telnyx.com.</summary>
    [Parameter]
    [ValidateSet("us-east", "us-central", "us-west", "ca-central", "eu", "apac", "south-asia")]
    public string[]? Region { get; set; }

    /// <summary>How long to hold the WebSocket open, in seconds (0 to 3600). Default 10.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int HoldSeconds { get; set; } = 10;

    /// <summary>Also Ping every this many seconds during the hold (0 to 3600; 0, the default: only at the start and the end).</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public int PingIntervalSeconds { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on setting the connection up, in seconds (1 to 600). Default 10; the hold comes on top.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How many servers are tested at once (1 to 1024); the others wait for a turn. Default 32.</summary>
    [Parameter]
    [ValidateRange(1, ProbeOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

    /// <summary>Returns only $true when every URI opened and held, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        _uriGiven |= ReadEach(Uri, SignalingTarget.TryParse, ErrorIds.InvalidUri, _targets);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var proxy = ProxySettings();
        var targets = _targets.Concat((Region ?? Array.Empty<string>()).Select(r => SignalingTarget.Telnyx(r))).ToList();
        if (targets.Count == 0 && !_uriGiven)
        {
            targets.Add(SignalingTarget.Telnyx());
        }

        if (targets.Count == 0)
        {
            WriteNothingToTest("No valid URI to test.", Quiet);
            return;
        }

        var options = new SignalingOptions
        {
            Targets = targets,
            Proxy = proxy.Proxy,
            ProxyCredential = proxy.Credential,
            NoProxy = NoProxy,
            SkipCertificateCheck = SkipCertificateCheck,
            Hold = TimeSpan.FromSeconds(HoldSeconds),
            PingInterval = TimeSpan.FromSeconds(PingIntervalSeconds),
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ThrottleLimit = ThrottleLimit,
        };
        var results = RunEngine((log, progress, token) => SignalingProbe.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, SignalingProbe.Passed);
    }
}
