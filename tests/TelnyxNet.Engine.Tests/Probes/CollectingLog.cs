using System.Collections.Concurrent;

namespace TelnyxNet.Engine.Tests.Probes;

/// <summary>Keeps every narration line the engine writes, from any thread.</summary>
internal sealed class CollectingLog : IEngineLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public void Verbose(string message) => _lines.Enqueue(message);
}
