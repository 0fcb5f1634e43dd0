using System.Collections.Concurrent;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Internal;

/// <summary>
/// Items posted by a receive loop and taken by one waiting reader, with waits on the engine's
/// clock. Bounded: while <see cref="Capacity"/> items wait, further ones are dropped (and
/// counted), so a peer that floods cannot grow the heap. Items posted after disposal are dropped.
/// </summary>
internal sealed class AsyncInbox<T> : IDisposable
    where T : class
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly SemaphoreSlim _count = new(0);
    private readonly IClock _clock;
    private int _dropped;
    private int _disposed;

    public AsyncInbox(IClock clock, int capacity)
    {
        _clock = clock;
        Capacity = capacity;
    }

    /// <summary>The most items that wait at once.</summary>
    public int Capacity { get; }

    /// <summary>How many items wait now.</summary>
    public int Count => _items.Count;

    /// <summary>Items dropped because <see cref="Capacity"/> were waiting.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Adds an item, or drops it when the inbox is full or disposed.</summary>
    public void Post(T item)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (_items.Count >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _items.Enqueue(item);
        try
        {
            _count.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the item is dropped with the inbox.
        }
    }

    /// <summary>The next item, or null when none arrives within <paramref name="wait"/>.</summary>
    public async Task<T?> TakeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_count.Wait(0))
        {
            if (wait <= TimeSpan.Zero)
            {
                return null;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var signal = _count.WaitAsync(stop.Token);
            await Task.WhenAny(signal, _clock.Delay(wait, stop.Token)).ConfigureAwait(false);
            stop.Cancel();
            try
            {
                await signal.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
        }

        return _items.TryDequeue(out var item) ? item : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _count.Dispose();
        }
    }
}
