using System.Management.Automation;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Tests TURN allocation and relaying (RFC 8656) against Telnyx's TURN server or any other.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TelnyxTurn", DefaultParameterSetName = ResultSet)]
[OutputType(typeof(TurnAllocationResult), ParameterSetName = new[] { ResultSet })]
[OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
public sealed class TestTelnyxTurnCommand : TurnCmdlet
{
    private const string ResultSet = "Result";
    private const string QuietSet = "Quiet";

    /// <summary>The bound on the whole test, in seconds (1 to 600). Default 10.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Allocates only, without proving that the relay forwards data.</summary>
    [Parameter]
    public SwitchParameter SkipRelayCheck { get; set; }

    /// <summary>Returns only $true when at least one transport relayed successfully, else $false.</summary>
    [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (Servers.Count == 0)
        {
            WriteVerbose("No server to test.");
            if (Quiet)
            {
                WriteObject(false);
            }

            return;
        }

        var options = new TurnAllocationOptions
        {
            Servers = Servers,
            Credential = TurnCredential,
            AddressFamily = AddressFamily,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            SkipRelayCheck = SkipRelayCheck,
        };
        var results = RunEngine((log, progress, token) => TurnAllocationProbe.RunAsync(options, log, progress, token));
        if (Quiet)
        {
            WriteObject(TurnAllocationProbe.Passed(results));
            return;
        }

        WriteObject(results, enumerateCollection: true);
    }
}
