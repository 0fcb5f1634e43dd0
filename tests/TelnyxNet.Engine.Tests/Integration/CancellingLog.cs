using System.Collections.Concurrent;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>Keeps narration lines and cancels a token the first time a line starts with a given text: Ctrl+C at a chosen step.</summary>
internal sealed class CancellingLog : IEngineLog
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _trigger;
    private readonly CancellationTokenSource _cancel;

    public CancellingLog(string trigger, CancellationTokenSource cancel)
    {
        _trigger = trigger;
        _cancel = cancel;
    }

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void Verbose(string message)
    {
        _lines.Enqueue(message);
        if (message.StartsWith(_trigger, StringComparison.Ordinal))
        {
            _cancel.Cancel();
        }
    }
}
