using System.CommandLine;
using TelnyxNet.Cli.Output;

namespace TelnyxNet.Cli.Commands;

/// <summary>Options every subcommand shares: output format and verbosity.</summary>
internal sealed class CommonOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print a JSON array (camelCase property names)." };

    public Option<bool> Csv { get; } = new("--csv") { Description = "Print CSV with every property (Export-Csv headers)." };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Narrate each step on standard error." };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Csv);
        command.Options.Add(Verbose);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Json) && result.GetValue(Csv))
            {
                result.AddError("--json and --csv cannot be used together.");
            }
        });
    }

    public OutputFormat FormatOf(ParseResult result) =>
        result.GetValue(Json) ? OutputFormat.Json : result.GetValue(Csv) ? OutputFormat.Csv : OutputFormat.Table;
}
