using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet endpoints</c>: the CLI face of Get-TelnyxEndpoint.</summary>
internal static class EndpointsCommand
{
    private static readonly IReadOnlyList<TableColumn<TelnyxEndpoint>> Columns = new[]
    {
        new TableColumn<TelnyxEndpoint>("Service", r => r.Service),
        new TableColumn<TelnyxEndpoint>("Protocol", r => r.Protocol),
        new TableColumn<TelnyxEndpoint>("Port", r => r.PortRange.Length > 0 ? r.PortRange : r.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<TelnyxEndpoint>("Host", r => r.Host),
        new TableColumn<TelnyxEndpoint>("Direction", r => r.Direction),
        new TableColumn<TelnyxEndpoint>("Required", r => r.Required.ToString()),
        new TableColumn<TelnyxEndpoint>("Purpose", r => r.Purpose),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var catalog = new CatalogArguments();
        var command = new Command("endpoints", "List every destination and firewall rule the Telnyx documents name (the endpoint catalog); --csv is a firewall change request. Exit code 0, or 2 for a usage error (a bad --catalog file).");
        catalog.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var rows = catalog.Read(parse, out var error);
            if (rows is null)
            {
                Console.Error.WriteLine("telnyxnet: " + error);
                return ExitCodes.Usage;
            }

            ResultWriter.Write(Console.Out, rows, common.FormatOf(parse), Columns, _ => null);
            return ExitCodes.Passed;
        });
        return command;
    }
}
