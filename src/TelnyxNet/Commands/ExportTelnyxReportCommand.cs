using System.IO;
using System.Management.Automation;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Report;
using TelnyxNet.Infrastructure;

namespace TelnyxNet.Commands;

/// <summary>
/// <para type="synopsis">Writes Test-TelnyxConnectivity reports as one self-contained HTML file: the verdict as a banner, the reasons with what to do, the candidates and every probe's result; one section per machine.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "TelnyxReport")]
[OutputType(typeof(TelnyxReadinessReport))]
public sealed class ExportTelnyxReportCommand : PSCmdlet
{
    private const string ReportType = "TelnyxNet.Engine.Diagnosis.TelnyxReadinessReport";
    private readonly List<PSObject> _reports = new();

    /// <summary>The file to write (replaced unless -NoClobber).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Reports from Test-TelnyxConnectivity, live or deserialized (Start-Job, Invoke-Command, ForEach-Object -Parallel).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

    /// <summary>Do not replace an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Also write the reports to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var report in InputObject)
        {
            if (!report.TypeNames.Contains(ReportType) && !report.TypeNames.Contains("Deserialized." + ReportType))
            {
                WriteError(new ErrorRecord(new ArgumentException("Not a Test-TelnyxConnectivity report (" + report.TypeNames.FirstOrDefault() + "): only TelnyxReadinessReport objects can be exported."), ErrorIds.InvalidReport, ErrorCategory.InvalidType, report));
                continue;
            }

            _reports.Add(report);
            if (PassThru)
            {
                WriteObject(report);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_reports.Count == 0)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("No report to export: pipe Test-TelnyxConnectivity's output to Export-TelnyxReport."), ErrorIds.NoReport, ErrorCategory.InvalidArgument, null));
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(path))
        {
            ThrowTerminatingError(new ErrorRecord(new IOException("The file '" + path + "' exists, and -NoClobber was given."), ErrorIds.ReportFileExists, ErrorCategory.ResourceExists, path));
        }

        try
        {
            HtmlReport.Write(path, _reports.Select(r => (IReportProperties)new PSObjectReportProperties(r)).ToList(), DateTimeOffset.UtcNow);
            WriteVerbose("Wrote " + _reports.Count + " report(s) to " + path + ".");
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ReportNotWritten, ErrorCategory.WriteError, path));
        }
    }
}
