using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Internal;

/// <summary>Waits on the engine's clock for a task that cannot take a timeout itself (a pending socket receive).</summary>
internal static class TaskWaits
{
    /// <summary>True when <paramref name="task"/> completes within <paramref name="wait"/>; throws when cancelled.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan wait, IClock clock, CancellationToken cancellationToken)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Task.WhenAny(task, clock.Delay(wait, delayCancel.Token)).ConfigureAwait(false);
        delayCancel.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        return first == task;
    }

    /// <summary>Observes a task left behind (a receive ended by disposing its socket), so that its fault goes unreported.</summary>
    public static void Abandon(Task? task)
    {
        task?.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
