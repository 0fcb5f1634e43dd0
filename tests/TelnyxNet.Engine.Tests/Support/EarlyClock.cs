using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A clock whose waits end <see cref="Early"/> before they are due (any wait longer than that),
/// as a timer that works in whole milliseconds may: what the engine must not act on. Time
/// itself is the inner clock's.
/// </summary>
internal sealed class EarlyClock : IClock
{
    private readonly IClock _inner;

    public EarlyClock(IClock inner, TimeSpan early)
    {
        _inner = inner;
        Early = early;
    }

    /// <summary>How much earlier than asked a wait ends.</summary>
    public TimeSpan Early { get; }

    /// <inheritdoc />
    public TimeSpan Elapsed => _inner.Elapsed;

    /// <inheritdoc />
    public DateTimeOffset UtcNow => _inner.UtcNow;

    /// <inheritdoc />
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
        _inner.Delay(delay > Early ? delay - Early : delay, cancellationToken);
}
