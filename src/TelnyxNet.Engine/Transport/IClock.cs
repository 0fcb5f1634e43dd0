namespace TelnyxNet.Engine.Transport;

/// <summary>Time as the engine sees it; tests inject a manual clock so that timing is tested without sleeping.</summary>
public interface IClock
{
    /// <summary>Monotonic time since an arbitrary start.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Wall-clock time, for timestamps.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Completes after <paramref name="delay"/>; cancelled with <paramref name="cancellationToken"/>.</summary>
    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}
