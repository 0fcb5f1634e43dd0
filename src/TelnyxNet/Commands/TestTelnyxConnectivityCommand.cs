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

    /// <summary>The SDK's region ({region}.rtc.telnyx.com) and the SIP names that go with it.</summary>
    [Parameter]
    [ValidateSet("us-east", "us-central", "us-west", "ca-central", "eu", "apac", "south-asia")]
    public string? Region { get; set; }

    /// <summary>Test SIP as well (on by default: the catalog has SIP rows); -IncludeSip:$false leaves it out.</summary>
    [Parameter]
    public SwitchParameter IncludeSip { get; set; }

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
        var options = new ConnectivityOptions
        {
            Targets = ConnectivityTargets.Telnyx(includeSip: !MyInvocation.BoundParameters.ContainsKey(nameof(IncludeSip)) || IncludeSip, ConnectivityRegions.SipRegionOf(Region)),
            Credential = TurnCredential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            MediaDuration = TimeSpan.FromSeconds(MediaDurationSeconds),
        };
        var report = RunEngine((log, progress, token) => ConnectivityCheck.RunAsync(options, log, progress, token));
        WriteObject(Quiet ? ConnectivityCheck.Passed(report, AllowDegraded) : report);
    }
}
