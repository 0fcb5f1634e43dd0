namespace TelnyxNet.Engine;

/// <summary>A progress report from a running command, for a progress bar.</summary>
public sealed class ProbeProgress
{
    /// <summary>Creates a report.</summary>
    public ProbeProgress(string activity, string status, int percentComplete, bool completed = false)
    {
        Activity = activity;
        Status = status;
        PercentComplete = Math.Max(0, Math.Min(100, percentComplete));
        Completed = completed;
    }

    /// <summary>What the command is doing overall.</summary>
    public string Activity { get; }

    /// <summary>The current step.</summary>
    public string Status { get; }

    /// <summary>0 to 100.</summary>
    public int PercentComplete { get; }

    /// <summary>True on the last report, which closes the bar.</summary>
    public bool Completed { get; }
}
