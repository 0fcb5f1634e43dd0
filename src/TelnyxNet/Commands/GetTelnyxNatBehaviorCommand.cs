using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tells what kind of NAT is in the way (RFC 5780): mapping and filtering behaviour, hairpinning, port preservation and binding lifetime.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TelnyxNatBehavior", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(NatBehaviorResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class GetTelnyxNatBehaviorCommand : AsyncCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<StunServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>
    /// STUN servers: host, host:port, [IPv6]:port or stun: URIs; WebRTC iceServers entries (their
    /// stun: URLs); objects with Server and Port. The first is asked for RFC 5780; the second is the
    /// other destination of the two-server comparison. Default: stun.telnyx.com:3478 and stun.l.google.com:19302.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [Alias("Uri", "Urls")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ServerCompleter))]
    public object[]? Server { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the tests, in seconds (1 to 600), -MeasureLifetime's idle time not included. Default 5.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Also measures how long an idle mapping lives (RFC 5780 §4.6), up to -LifetimeSeconds.</summary>
    [Parameter]
    public SwitchParameter MeasureLifetime { get; set; }

    /// <summary>The longest idle time -MeasureLifetime tries, in seconds (1 to 600). Default 60.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int LifetimeSeconds { get; set; } = 60;

    /// <summary>Returns only $true when the NAT lets srflx candidates work for every peer (no NAT, or endpoint-independent mapping), else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        _serverGiven |= StunServerArguments.Read(this, Server, TransportProtocol.Udp, explicitTransport: true, _servers);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_serverGiven && _servers.Count == 0)
        {
            WriteNothingToTest("No valid server to test.", Quiet);
            return;
        }

        var options = new NatBehaviorOptions
        {
            Servers = _serverGiven ? _servers : TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp),
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MeasureLifetime = MeasureLifetime,
            LifetimeLimit = TimeSpan.FromSeconds(LifetimeSeconds),
        };
        var result = RunEngine((log, progress, token) => NatBehaviorProbe.RunAsync(options, log, progress, token));
        WriteObject(Quiet ? NatBehaviorProbe.Passed(result) : result);
    }
}
