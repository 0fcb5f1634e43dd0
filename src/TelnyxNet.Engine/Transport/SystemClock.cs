using System.Diagnostics;

namespace TelnyxNet.Engine.Transport;

/// <summary>The real clock: <see cref="Stopwatch"/> for elapsed time, <see cref="Task.Delay(TimeSpan, CancellationToken)"/> for waits.</summary>
public sealed class SystemClock : IClock
{
    /// <summary>The shared instance.</summary>
    public static readonly SystemClock Instance = new();

    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public TimeSpan Elapsed => _stopwatch.Elapsed;

    /// <inheritdoc />
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <summary>
    /// Completes after <paramref name="delay"/>, rounded up to the whole millisecond that timers
    /// work in (a sub-millisecond remainder would otherwise round down to no wait at all). A timer
    /// may still fire a little early: callers that must not act before a time re-check the clock.
    /// </summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)), cancellationToken);
}
