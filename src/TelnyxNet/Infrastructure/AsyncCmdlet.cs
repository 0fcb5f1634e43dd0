using System.Collections.Concurrent;
using System.Management.Automation;
using TelnyxNet.Engine;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// Base for cmdlets that run engine work asynchronously. The engine runs on the thread pool;
/// its verbose lines and progress reports are queued and written here, on the pipeline thread,
/// the only thread allowed to call Write*. <see cref="StopProcessing"/> (Ctrl+C) cancels the token
/// every engine call receives, so every probe ends at once.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    /// <summary>How long a stopped pipeline waits for the cancelled work's cleanup.</summary>
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private int _progressId;

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool, pumping its log lines and progress onto
    /// the pipeline thread until it finishes, and returns its result.
    /// </summary>
    protected T RunEngine<T>(Func<IEngineLog, IProgress<ProbeProgress>, CancellationToken, Task<T>> work) =>
        Pump((log, progress, _) => work(log, progress, _stop.Token));

    /// <summary>
    /// Like <see cref="RunEngine{T}"/>, for work that yields items as it goes (ICE candidates):
    /// each item the engine hands to its callback, from any thread, is queued and passed to
    /// <paramref name="write"/> on the pipeline thread at once, in the order the engine gave them,
    /// so the pipeline sees it while the work goes on.
    /// </summary>
    protected T RunEngineStreaming<TItem, T>(Func<IEngineLog, IProgress<ProbeProgress>, Action<TItem>, CancellationToken, Task<T>> work, Action<TItem> write) =>
        Pump((log, progress, queue) => work(log, progress, item => TryAdd(queue, () => write(item)), _stop.Token));

    /// <summary>The shape of the engine's parsers: the value, or an error message that names it.</summary>
    protected delegate bool Parser<T>(string? text, out T? value, out string? error)
        where T : class;

    /// <summary>
    /// Parses each of <paramref name="values"/> into <paramref name="into"/>; a value that does not
    /// parse is a non-terminating error <paramref name="errorId"/> with the parser's message, and the
    /// others go on. True when any value was given (valid or not), so that a list of bad values
    /// tests nothing rather than the defaults.
    /// </summary>
    protected bool ReadEach<T>(string[]? values, Parser<T> parse, string errorId, List<T> into)
        where T : class
    {
        foreach (var value in values ?? Array.Empty<string>())
        {
            if (parse(value, out var parsed, out var error))
            {
                into.Add(parsed!);
                continue;
            }

            WriteError(new ErrorRecord(new ArgumentException(error), errorId, ErrorCategory.InvalidArgument, value));
        }

        return values is { Length: > 0 };
    }

    /// <summary>
    /// Nothing is left to test (every value given was invalid, or the filters left none): says
    /// <paramref name="why"/> in -Verbose and, with <paramref name="quiet"/>, writes $false.
    /// </summary>
    protected void WriteNothingToTest(string why, bool quiet)
    {
        WriteVerbose(why);
        if (quiet)
        {
            WriteObject(false);
        }
    }

    /// <summary>Writes each of <paramref name="results"/>, or with <paramref name="quiet"/> only the probe's verdict on them.</summary>
    protected void WriteResults<T>(IReadOnlyList<T> results, bool quiet, Func<IReadOnlyList<T>, bool> passed)
    {
        if (quiet)
        {
            WriteObject(passed(results));
            return;
        }

        WriteObject(results, enumerateCollection: true);
    }

    private T Pump<T>(Func<IEngineLog, IProgress<ProbeProgress>, BlockingCollection<Action>, Task<T>> start)
    {
        using var queue = new BlockingCollection<Action>();
        var log = new QueueLog(queue, this);
        var progress = new QueueProgress(queue, this, Interlocked.Increment(ref _progressId));
        var task = Task.Run(() => start(log, progress, queue));
        task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
        var drained = false;
        try
        {
            foreach (var write in queue.GetConsumingEnumerable())
            {
                write();
            }

            drained = true;
        }
        finally
        {
            if (!drained)
            {
                // A write threw (Select-Object -First stops the pipeline from downstream): cancel
                // the work and give it its bounded cleanup (deleting TURN allocations) before leaving.
                _stop.Cancel();
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne(CleanupLimit);
            }
        }

        progress.CloseBar();

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.EngineFailure, ErrorCategory.NotSpecified, null));
            throw;
        }
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    private static void TryAdd(BlockingCollection<Action> queue, Action action)
    {
        try
        {
            queue.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The queue is closed or disposed (ObjectDisposedException derives from this): the work has
            // finished, and a late line, e.g. from a socket's receive loop, has nowhere to go.
        }
    }

    private sealed class QueueLog : IEngineLog
    {
        private readonly BlockingCollection<Action> _queue;
        private readonly Cmdlet _cmdlet;

        public QueueLog(BlockingCollection<Action> queue, Cmdlet cmdlet)
        {
            _queue = queue;
            _cmdlet = cmdlet;
        }

        public void Verbose(string message) => TryAdd(_queue, () => _cmdlet.WriteVerbose(message));
    }

    private sealed class QueueProgress : IProgress<ProbeProgress>
    {
        private readonly BlockingCollection<Action> _queue;
        private readonly Cmdlet _cmdlet;
        private readonly int _id;

        public QueueProgress(BlockingCollection<Action> queue, Cmdlet cmdlet, int id)
        {
            _queue = queue;
            _cmdlet = cmdlet;
            _id = id;
        }

        private ProbeProgress? _last;

        public void Report(ProbeProgress value) => TryAdd(_queue, () => Write(value));

        /// <summary>Completes the bar even when the work ended without a final report (failure, Ctrl+C).</summary>
        public void CloseBar()
        {
            if (_last != null && !_last.Completed)
            {
                Write(new ProbeProgress(_last.Activity, "Done", 100, completed: true));
            }
        }

        private void Write(ProbeProgress value)
        {
            _last = value;
            _cmdlet.WriteProgress(new ProgressRecord(_id, value.Activity, value.Status)
            {
                PercentComplete = value.PercentComplete,
                RecordType = value.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            });
        }
    }
}
