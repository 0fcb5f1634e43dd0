using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Lists every destination and firewall rule the Telnyx documents name: the endpoint catalog.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TelnyxEndpoint")]
[OutputType(typeof(TelnyxEndpoint))]
public sealed class GetTelnyxEndpointCommand : PSCmdlet
{
    /// <summary>Only these services: Signaling, Stun, Turn, Sip, Media.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public EndpointService[]? Service { get; set; }

    /// <summary>Production (default) or Development.</summary>
    [Parameter]
    public TelnyxEnvironment Environment { get; set; } = TelnyxEnvironment.Production;

    /// <summary>A catalog file of the same shape (what Get-TelnyxEndpoint | ConvertTo-Json writes) instead of the built-in one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Catalog { get; set; }

    /// <summary>Only the documents' minimum (required) rules.</summary>
    [Parameter]
    public SwitchParameter RequiredOnly { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing() =>
        WriteObject(CatalogRows.Select(this, Catalog, Environment, Service, RequiredOnly), enumerateCollection: true);
}
