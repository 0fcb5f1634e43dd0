using System.Diagnostics;

namespace TelnyxNet.Lab;

/// <summary>
/// Runs actions at given <see cref="Stopwatch"/> timestamps on one dedicated thread, in due order
/// (ties in the order they were scheduled), never early: it sleeps until about two milliseconds
/// before, then yields until the time has come. Disposing drops whatever is still waiting.
/// </summary>
internal sealed class DelayLine : IDisposable
{
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(5);
    private readonly object _gate = new();
    private readonly PriorityQueue<Action, (long Due, long Order)> _queue = new();
    private readonly Thread _thread;
    private long _order;
    private bool _stopped;

    public DelayLine(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="due"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void Schedule(long due, Action action)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _queue.Enqueue(action, (due, _order++));
            Monitor.Pulse(_gate);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _queue.Clear();
            Monitor.Pulse(_gate);
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(JoinLimit);
        }
    }

    private void Run()
    {
        while (Next() is { } action)
        {
            action();
        }
    }

    /// <summary>The next action once it is due; null when stopped.</summary>
    private Action? Next()
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                if (!_queue.TryPeek(out var action, out var key))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var wait = key.Due - Stopwatch.GetTimestamp();
                if (wait <= 0)
                {
                    _queue.Dequeue();
                    return action;
                }

                if (wait > 3 * OneMillisecond)
                {
                    Monitor.Wait(_gate, TimeSpan.FromTicks((wait - (2 * OneMillisecond)) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }
                else
                {
                    Monitor.Exit(_gate);
                    try
                    {
                        Thread.Yield();
                    }
                    finally
                    {
                        Monitor.Enter(_gate);
                    }
                }
            }

            return null;
        }
    }
}
