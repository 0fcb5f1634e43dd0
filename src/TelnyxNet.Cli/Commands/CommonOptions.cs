using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine;

namespace TelnyxNet.Cli.Commands;

/// <summary>Options every subcommand shares (output format and verbosity), and how a subcommand runs its probe with them.</summary>
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

    /// <summary>The narration on standard error with --verbose, else none.</summary>
    public IEngineLog LogOf(ParseResult result) => result.GetValue(Verbose) ? new ConsoleLog(Console.Error) : NullEngineLog.Instance;

    /// <summary>
    /// Runs <paramref name="probe"/> (with a progress line on a terminal unless --verbose narrates),
    /// prints its results in the format asked for (<paramref name="columns"/> and <paramref name="footnote"/> for the table) and returns the exit code: 130 when interrupted,
    /// 2 after a usage error, else 0 or 1 by <paramref name="passed"/>.
    /// </summary>
    public async Task<int> RunAsync<T>(ParseResult parse, IReadOnlyList<TableColumn<T>> columns, Func<T, string?> footnote, Func<IEngineLog, IProgress<ProbeProgress>?, CancellationToken, Task<IReadOnlyList<T>>> probe, Func<IReadOnlyList<T>, bool> passed, bool usageError, CancellationToken token)
    {
        IReadOnlyList<T> results;
        try
        {
            results = await probe(LogOf(parse), parse.GetValue(Verbose) ? null : ConsoleProgress.ForTerminal(), token);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }

        ResultWriter.Write(Console.Out, results, FormatOf(parse), columns, footnote);
        if (usageError)
        {
            return ExitCodes.Usage;
        }

        return passed(results) ? ExitCodes.Passed : ExitCodes.Failed;
    }
}
