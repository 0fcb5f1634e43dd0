using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tells whether this machine can place Telnyx calls, and how well: every probe at once under one budget, one verdict in the Telnyx SDK's vocabulary (Ready, Degraded, Blocked, Inconclusive) with its reasons and what to do.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxConnectivity", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(TelnyxReadinessReport), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxConnectivityCommand : TurnCredentialCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";

    /// <summary>A catalog file of the same shape (what Get-TelnyxEndpoint | ConvertTo-Json writes) instead of the built-in one: what to test.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Catalog { get; set; }

    /// <summary>Production (default) or Development: which rows of the catalog.</summary>
    [Parameter]
    public TelnyxEnvironment Environment { get; set; } = TelnyxEnvironment.Production;

    /// <summary>The SDK's region ({region}.rtc.telnyx.com) and the SIP names that go with it.</summary>
    [Parameter]
    [ValidateSet("us-east", "us-central", "us-west", "ca-central", "eu", "apac", "south-asia")]
    public string? Region { get; set; }

    /// <summary>Test SIP as well (on by default when the catalog has SIP rows); -IncludeSip:$false leaves it out.</summary>
    [Parameter]
    public SwitchParameter IncludeSip { get; set; }

    /// <summary>An HTTP proxy for the signaling WebSocket (http://host:port or host:port), whatever the system says.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Proxy { get; set; }

    /// <summary>The proxy's user name and password (sent as Basic).</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Connect the WebSocket directly, whatever the system proxy settings or HTTPS_PROXY say.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>Accept any certificate on WSS and TLS (the chain is still reported).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The budget of the whole check, in seconds (1 to 600). Default 30, like the SDK's pre-call run.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long the media stream lasts, in seconds (1 to 120). Default 5, like the SDK's pre-call test.</summary>
    [Parameter]
    [ValidateRange(1, 120)]
    public int MediaDurationSeconds { get; set; } = 5;

    /// <summary>Returns only $true when the verdict is Ready (with -AllowDegraded, also when Degraded), else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <summary>With -Quiet, a Degraded verdict counts as passing too.</summary>
    [Parameter(ParameterSetName = QuietSet)]
    public SwitchParameter AllowDegraded { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var proxy = ProxyParameters.From(this, Proxy, ProxyCredential, NoProxy);
        var rows = CatalogRows.Select(this, Catalog, Environment, null, requiredOnly: false);
        var options = new ConnectivityOptions
        {
            Targets = ConnectivityTargets.FromCatalog(rows, Region, MyInvocation.BoundParameters.ContainsKey(nameof(IncludeSip)) ? IncludeSip.IsPresent : null),
            Credential = TurnCredential,
            Proxy = proxy.Proxy,
            ProxyCredential = proxy.Credential,
            NoProxy = NoProxy,
            SkipCertificateCheck = SkipCertificateCheck,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MediaDuration = TimeSpan.FromSeconds(MediaDurationSeconds),
        };
        var report = RunEngine((log, progress, token) => ConnectivityCheck.RunAsync(options, log, progress, token));
        WriteObject(Quiet ? ConnectivityCheck.Passed(report, AllowDegraded) : report);
    }
}
