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
    /// Waits at least <paramref name="delay"/> on <see cref="Elapsed"/>'s clock.
    /// <see cref="Task.Delay(TimeSpan, CancellationToken)"/> truncates to whole milliseconds and
    /// its timer ticks in milliseconds, so it may end up to a millisecond early; a wait that ends
    /// early makes a retransmission loop send again and again in its last millisecond. So the
    /// rest is waited again until the stopwatch says the time has come.
    /// </summary>
    public async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        var until = Elapsed + delay;
        for (var left = delay; left > TimeSpan.Zero; left = until - Elapsed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
        }
    }
}
