using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests every firewall rule of the endpoint catalog with the probe that proves it, and says what to ask the network team for.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxFirewall", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(FirewallRuleResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxFirewallCommand : WebSocketCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";
    private readonly List<TelnyxEndpoint> _piped = new();

    /// <summary>Catalog rows to test, from Get-TelnyxEndpoint; without them, the catalog's rows.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public TelnyxEndpoint[]? Endpoint { get; set; }

    /// <summary>A catalog file of the same shape (what Get-TelnyxEndpoint | ConvertTo-Json writes) instead of the built-in one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Catalog { get; set; }

    /// <summary>Only the rules of these services.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public EndpointService[]? Service { get; set; }

    /// <summary>Production (default) or Development.</summary>
    [Parameter]
    public TelnyxEnvironment Environment { get; set; } = TelnyxEnvironment.Production;

    /// <summary>Only the documents' minimum (required) rules.</summary>
    [Parameter]
    public SwitchParameter RequiredOnly { get; set; }

    /// <summary>A TURN user name and password for the TURN rules. Default: the Telnyx WebRTC SDK's public default credential.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? TurnCredential { get; set; }

    /// <summary>Any (default), IPv4 or IPv6: which resolved addresses to test.</summary>
    [Parameter]
    public AddressFamilyPreference AddressFamily { get; set; } = AddressFamilyPreference.Any;

    /// <summary>The bound on the whole test, in seconds (1 to 600). Default 10: every rule is tested at once within it.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Returns only $true when every Required rule that can be tested is Allowed, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => _piped.AddRange(Endpoint ?? Array.Empty<TelnyxEndpoint>());

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_piped.Count > 0 && Catalog != null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give the rules to test one way: catalog rows from the pipeline (-Endpoint), or -Catalog."), ErrorIds.ConflictingCatalog, ErrorCategory.InvalidArgument, Catalog));
        }

        var proxy = ProxySettings();
        var rules = _piped.Count > 0
            ? EndpointCatalog.Select(_piped, null, Service).Where(r => !RequiredOnly || r.Required).ToList()
            : CatalogRows.Select(this, Catalog, Environment, Service, RequiredOnly);
        if (rules.Count == 0)
        {
            WriteNothingToTest("No rule to test.", Quiet);
            return;
        }

        var options = new FirewallOptions
        {
            Rules = rules,
            TurnCredential = Credential(),
            Proxy = proxy.Proxy,
            ProxyCredential = proxy.Credential,
            NoProxy = NoProxy,
            SkipCertificateCheck = SkipCertificateCheck,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        };
        var results = RunEngine((log, progress, token) => FirewallTest.RunAsync(options, log, progress, token));
        WriteResults(results, Quiet, FirewallTest.Passed);
    }

    private Engine.Turn.TurnCredential Credential()
    {
        try
        {
            return TurnCredential is null ? Engine.Turn.TurnCredential.TelnyxDefault : Engine.Turn.TurnCredential.FromPassword(TurnCredential.UserName, TurnCredential.Password);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-TurnCredential: " + ex.Message), ErrorIds.InvalidCredential, ErrorCategory.InvalidArgument, null));
            throw;
        }
    }
}
