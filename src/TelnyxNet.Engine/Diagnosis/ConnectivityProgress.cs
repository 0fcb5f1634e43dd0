namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The readiness check's one progress bar: which parts are still running, and the share of parts
/// done. The parts' own probes report nothing (their bars would fight); the media stream reports its seconds.
/// </summary>
internal sealed class ConnectivityProgress
{
    public const string Activity = "Checking Telnyx connectivity";
    private readonly IProgress<ProbeProgress>? _progress;
    private readonly List<string> _running = new();
    private readonly object _gate = new();
    private int _total;

    public ConnectivityProgress(IProgress<ProbeProgress>? progress) => _progress = progress;

    /// <summary>A part starts.</summary>
    public void Started(string part)
    {
        lock (_gate)
        {
            _running.Add(part);
            _total++;
            Report("Running " + string.Join(", ", _running));
        }
    }

    /// <summary>A part is done.</summary>
    public void Finished(string part)
    {
        lock (_gate)
        {
            _running.Remove(part);
            Report(_running.Count == 0 ? "Judging the results" : "Finished " + part + "; waiting for " + string.Join(", ", _running));
        }
    }

    /// <summary>What a running part is doing now.</summary>
    public void Step(string status)
    {
        lock (_gate)
        {
            Report(status);
        }
    }

    /// <summary>The last report, which closes the bar.</summary>
    public void Done() => _progress?.Report(new ProbeProgress(Activity, "Done", 100, completed: true));

    private void Report(string status) =>
        _progress?.Report(new ProbeProgress(Activity, status, _total == 0 ? 0 : (_total - _running.Count) * 100 / (_total + 1)));
}
