using TelnyxNet.Engine;

namespace TelnyxNet.Cli.Commands;

/// <summary>Writes the engine's narration to standard error with a "VERBOSE:" prefix, as PowerShell does.</summary>
internal sealed class ConsoleLog : IEngineLog
{
    private readonly object _gate = new();
    private readonly TextWriter _error;

    public ConsoleLog(TextWriter error) => _error = error;

    public void Verbose(string message)
    {
        lock (_gate)
        {
            _error.WriteLine("VERBOSE: " + message);
        }
    }
}
