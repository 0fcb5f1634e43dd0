using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// Bounds an operation that cannot be cancelled directly (socket connect, TLS handshake, stream
/// reads on .NET Framework): when the timeout or the token fires first, the resource is torn
/// down so the operation ends, and the caller gets a timeout or a cancellation.
/// </summary>
internal static class Deadline
{
    public static async Task RunAsync(Task operation, TimeSpan timeout, IClock clock, Action abort, string what, CancellationToken cancellationToken)
    {
        await RunAsync(WithResult(operation), timeout, clock, abort, what, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T> RunAsync<T>(Task<T> operation, TimeSpan timeout, IClock clock, Action abort, string what, CancellationToken cancellationToken)
    {
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = clock.Delay(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, delayCancel.Token);
        var first = await Task.WhenAny(operation, delay).ConfigureAwait(false);
        delayCancel.Cancel();
        if (first == operation)
        {
            return await operation.ConfigureAwait(false);
        }

        abort();
        Observe(operation);
        cancellationToken.ThrowIfCancellationRequested();
        throw new ProbeException(FailureReason.Timeout, what + " timed out after " + timeout.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture) + " s.");
    }

    private static async Task<bool> WithResult(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }

    private static void Observe(Task operation) =>
        operation.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
