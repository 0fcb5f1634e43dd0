using System.Management.Automation;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests SIP signaling: OPTIONS (RFC 3261) over UDP, TCP and TLS to every address RFC 3263 DNS finds for Telnyx's SIP proxies or any other, and detects a SIP ALG.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxSip", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(SipOptionsResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxSipCommand : AsyncCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<SipServerAddress> _servers = new();
    private bool _serverGiven;

    /// <summary>Servers: sip:/sips: URIs, host, host:port or [IPv6]:port, each optionally with ;transport=udp|tcp|tls. Default: sip.telnyx.com (or the -Region names).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Uri", "Urls")]
    [ValidateNotNull]
    public string[]? Server { get; set; }

    /// <summary>Telnyx regions to test (Us, Eu, Ca, Au): every name Telnyx's pages give for each. Ignored when -Server is given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public SipRegion[]? Region { get; set; }

    /// <summary>Tests only these transports (Udp, Tcp, Tls).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public TransportProtocol[]? Transport { get; set; }

    /// <summary>DNS resolvers to ask instead of this machine's: IP addresses, IPv4:port or [IPv6]:port.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DnsServer { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole test, in seconds (1 to 600). Default 10.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The STUN server each UDP request's own socket asks first, to hold the proxy's received/rport against a plain NAT's mapping (SIP ALG evidence): host, host:port or stun: URI. Default: stun.telnyx.com:3478.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string StunServer { get; set; } = SipOptionsOptions.DefaultStunServer.Input;

    /// <summary>How many servers are tested at once (1 to 1024); the others wait for a turn. Default 32.</summary>
    [Parameter]
    [ValidateRange(1, ProbeOptions.MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = ProbeOptions.DefaultThrottleLimit;

    /// <summary>Returns only $true when at least one proxy answered over at least one transport, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() =>
        _serverGiven |= ReadEach(Server, SipServerAddress.TryParse, ErrorIds.InvalidServer, _servers);

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        List<IPEndPoint>? resolvers = null;
        if (DnsServer != null)
        {
            resolvers = new List<IPEndPoint>();
            foreach (var value in DnsServer)
            {
                if (!DnsServerAddress.TryParse(value, out var resolver, out var error))
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException(error), ErrorIds.InvalidDnsServer, ErrorCategory.InvalidArgument, value));
                }

                resolvers.Add(resolver!);
            }
        }

        if (!SipOptionsOptions.TryParseStunServer(StunServer, out var stun, out var stunError))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(stunError), ErrorIds.InvalidStunServer, ErrorCategory.InvalidArgument, StunServer));
        }

        if (_serverGiven && _servers.Count == 0)
        {
            WriteNothingToTest("No valid server to test.", Quiet);
            return;
        }

        var options = new SipOptionsOptions
        {
            Servers = _serverGiven ? _servers : TelnyxSipEndpoints.Servers(Region),
            Transports = Transport,
            DnsServers = resolvers,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            ThrottleLimit = ThrottleLimit,
            StunServer = stun,
        };
        var results = RunEngine((log, progress, token) => SipOptionsProbe.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, SipOptionsProbe.Passed);
    }
}
