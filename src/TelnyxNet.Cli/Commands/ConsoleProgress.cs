using TelnyxNet.Engine;

namespace TelnyxNet.Cli.Commands;

/// <summary>
/// One status line on standard error, rewritten in place while a command runs and erased when it
/// completes, like PowerShell's progress bar. Used only when standard error is a terminal, so
/// redirected output and scripts never see it.
/// </summary>
internal sealed class ConsoleProgress : IProgress<ProbeProgress>
{
    private readonly object _gate = new();
    private readonly TextWriter _error;
    private int _shown;

    public ConsoleProgress(TextWriter error) => _error = error;

    /// <summary>A progress line for an interactive terminal, else null.</summary>
    public static IProgress<ProbeProgress>? ForTerminal() => Console.IsErrorRedirected ? null : new ConsoleProgress(Console.Error);

    public void Report(ProbeProgress value)
    {
        lock (_gate)
        {
            var line = value.Completed ? string.Empty : value.Activity + ": " + value.Status + " (" + value.PercentComplete + " %)";
            _error.Write("\r" + line.PadRight(_shown) + (value.Completed ? "\r" : string.Empty));
            _shown = value.Completed ? 0 : line.Length;
            _error.Flush();
        }
    }
}
