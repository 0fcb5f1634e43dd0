namespace TelnyxNet.Engine.Report;

/// <summary>
/// A readiness report (or one of its parts) as the HTML report reads it: by the public property
/// names of <see cref="Diagnosis.TelnyxReadinessReport"/> and the types under it. The module reads
/// a PowerShell object through it, live or deserialized (from Start-Job, Invoke-Command,
/// ForEach-Object -Parallel); the CLI reads its own results. So the page is the same whichever way
/// the report travelled.
/// </summary>
public interface IReportProperties
{
    /// <summary>A scalar property as text: numbers in the invariant culture, times in ISO 8601 ("o"); empty when absent or null.</summary>
    string Text(string name);

    /// <summary>An object-valued property; null when absent or null.</summary>
    IReportProperties? Object(string name);

    /// <summary>The items of a list-valued property; empty when absent or null.</summary>
    IReadOnlyList<IReportProperties> List(string name);
}
