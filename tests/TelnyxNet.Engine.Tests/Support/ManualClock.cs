using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>. Delays complete in due-time
/// order as the clock passes them; a cancelled delay completes as cancelled. Continuations run
/// asynchronously, so after an <see cref="Advance"/> the test waits for the effect it expects
/// (with <see cref="Eventually"/>) before advancing again.
/// </summary>
internal sealed class ManualClock : IClock
{
    /// <summary>The wall-clock time at <see cref="Elapsed"/> zero.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<Waiter> _waiters = new();
    private TimeSpan _elapsed;
    private long _sequence;

    /// <inheritdoc />
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _elapsed;
            }
        }
    }

    /// <inheritdoc />
    public DateTimeOffset UtcNow => Start + Elapsed;

    /// <summary>Delays not yet completed nor cancelled.</summary>
    public int PendingDelayCount
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>When the earliest pending delay is due (clock time), or null when none is pending.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count == 0 ? null : _waiters.Min(w => w.Due);
            }
        }
    }

    /// <inheritdoc />
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        Waiter waiter;
        lock (_gate)
        {
            waiter = new Waiter(_elapsed + delay, _sequence++);
            _waiters.Add(waiter);
        }

        waiter.Registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        return waiter.Completion.Task;
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="by"/>, completing every delay that falls due on
    /// the way, earliest first (the clock stands at each one's due time as it completes).
    /// Returns how many delays completed.
    /// </summary>
    public int Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        var completed = 0;
        while (true)
        {
            Waiter? due;
            lock (_gate)
            {
                var target = _elapsed + by;
                due = _waiters.Where(w => w.Due <= target).OrderBy(w => w.Due).ThenBy(w => w.Sequence).FirstOrDefault();
                if (due is null)
                {
                    _elapsed = target;
                    return completed;
                }

                _waiters.Remove(due);
                by = target - due.Due;
                _elapsed = due.Due;
            }

            if (due.Completion.TrySetResult(true))
            {
                completed++;
            }

            due.Registration.Dispose();
        }
    }

    /// <summary>Advances to the clock time <paramref name="time"/>; returns how many delays completed.</summary>
    public int AdvanceTo(TimeSpan time) => Advance(time - Elapsed);

    private sealed class Waiter
    {
        public Waiter(TimeSpan due, long sequence)
        {
            Due = due;
            Sequence = sequence;
        }

        public TimeSpan Due { get; }

        public long Sequence { get; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
