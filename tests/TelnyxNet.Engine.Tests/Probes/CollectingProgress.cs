using System.Collections.Concurrent;

namespace TelnyxNet.Engine.Tests.Probes;

/// <summary>Keeps every progress report synchronously, in the order reported (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class CollectingProgress : IProgress<ProbeProgress>
{
    private readonly ConcurrentQueue<ProbeProgress> _reports = new();

    public IReadOnlyList<ProbeProgress> Reports => _reports.ToList();

    public void Report(ProbeProgress value) => _reports.Enqueue(value);
}
