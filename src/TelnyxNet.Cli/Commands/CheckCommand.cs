using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Report;

namespace TelnyxNet.Cli.Commands;

/// <summary>
/// <c>telnyxnet check</c>: the CLI face of Test-TelnyxConnectivity, and the Intune contract: the
/// verdict is the exit code (0 Ready, 1 Blocked, 3 Degraded, 4 Inconclusive; 2 usage, 130
/// interrupted), and the last line of standard output is the summary line (at most 2,048
/// characters, no line break), alone with --summary. With --json or --csv, standard output stays
/// pure JSON or CSV and the summary line is the last line of standard error.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var catalog = new CatalogArguments();
        var proxy = new ProxyArguments();
        var skip = new Option<bool>("--skip-certificate-check") { Description = "Accept any certificate on WSS and TLS (the chain is still reported)." };
        var username = new Option<string>("--username", "-u") { Description = "TURN user name; its password comes from " + TurnArguments.PasswordVariable + " or a prompt. With --shared-secret: the name in 'expiry:name'. Without either, the SDK's public default credential." };
        var sharedSecret = new Option<bool>("--shared-secret") { Description = "Use a TURN REST API credential derived from the shared secret in " + TurnArguments.SecretVariable + " (or a prompt)." };
        var region = ProbeArguments.Choice("--region", "-r", "The SDK's region ({region}.rtc.telnyx.com) and the SIP names that go with it: " + string.Join(", ", ConnectivityRegions.Names) + ".", string.Empty, ConnectivityRegions.Names.ToArray());
        var includeSip = new Option<bool>("--include-sip") { Description = "Test SIP (on by default when the catalog has SIP rows)." };
        var noSip = new Option<bool>("--no-sip") { Description = "Leave SIP out (WebRTC only)." };
        var mediaDuration = ProbeArguments.Integer("--media-duration", null, "How long the media stream lasts, in seconds (1-120; default 5, the SDK's pre-call test).", 5, 1, 120);
        var summary = new Option<bool>("--summary") { Description = "Print only the summary line (what Intune shows)." };
        var html = new Option<string>("--html") { Description = "Also write the report as one self-contained HTML file." };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Integer("--timeout", null, "The budget of the whole check, in seconds (1-600; default 30, like the SDK's pre-call run).", 30, 1, 600);
        var command = new Command("check", "Check whether this machine can place Telnyx calls, and how well: every probe at once under one budget, one verdict in the SDK's vocabulary with its reasons. Exit code 0 Ready, 1 Blocked, 3 Degraded, 4 Inconclusive, 2 usage error, 130 interrupted; the last line of output is the summary line (at most 2,048 characters).")
        {
            username, sharedSecret, region, includeSip, noSip, skip, mediaDuration, summary, html, family, timeout,
        };
        catalog.AddCatalogTo(command);
        proxy.AddTo(command);
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(includeSip) && result.GetValue(noSip))
            {
                result.AddError("--include-sip and --no-sip cannot be used together.");
            }

            if (result.GetValue(summary) && (result.GetValue(common.Json) || result.GetValue(common.Csv)))
            {
                result.AddError("--summary prints one line; it cannot be used with --json or --csv.");
            }
        });
        command.SetAction(async (parse, token) =>
        {
            var rows = catalog.ReadEnvironment(parse, out var error);
            if (rows is null || !proxy.TryRead(parse, out var proxyUri, out var proxyCredential, out error))
            {
                Console.Error.WriteLine("telnyxnet: " + error);
                return ExitCodes.Usage;
            }

            var credential = TurnArguments.Credential(parse.GetValue(username), parse.GetValue(sharedSecret), out var credentialError);
            if (credential is null)
            {
                Console.Error.WriteLine("telnyxnet: " + credentialError);
                return ExitCodes.Usage;
            }

            var htmlPath = parse.GetValue(html);
            if (htmlPath != null && !HtmlFile.CanWrite(htmlPath, out var htmlError))
            {
                Console.Error.WriteLine("telnyxnet: --html: " + htmlError);
                return ExitCodes.Usage;
            }

            var chosen = parse.GetValue(region);
            var options = new ConnectivityOptions
            {
                Targets = ConnectivityTargets.FromCatalog(rows, chosen is { Length: > 0 } ? chosen : null, parse.GetValue(noSip) ? false : parse.GetValue(includeSip) ? true : null),
                Credential = credential,
                Proxy = proxyUri,
                ProxyCredential = proxyCredential,
                NoProxy = parse.GetValue(proxy.NoProxy),
                SkipCertificateCheck = parse.GetValue(skip),
                MediaDuration = TimeSpan.FromSeconds(parse.GetValue(mediaDuration)),
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            TelnyxReadinessReport report;
            try
            {
                report = await ConnectivityCheck.RunAsync(options, common.LogOf(parse), parse.GetValue(common.Verbose) ? null : ConsoleProgress.ForTerminal(), token);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Cancelled;
            }

            Print(report, common.FormatOf(parse), parse.GetValue(summary));
            if (htmlPath != null && !HtmlFile.Write(htmlPath, report))
            {
                return ExitCodes.Usage;
            }

            return ExitCodeOf(report);
        });
        return command;
    }

    /// <summary>The exit code of a verdict.</summary>
    internal static int ExitCodeOf(TelnyxReadinessReport report) => report.Verdict switch
    {
        nameof(ReadinessVerdict.Ready) => ExitCodes.Passed,
        nameof(ReadinessVerdict.Blocked) => ExitCodes.Failed,
        nameof(ReadinessVerdict.Degraded) => ExitCodes.Degraded,
        _ => ExitCodes.Inconclusive,
    };

    private static void Print(TelnyxReadinessReport report, OutputFormat format, bool summaryOnly)
    {
        if (summaryOnly)
        {
            Console.Out.Write(report.Summary);
            Console.Out.WriteLine();
            return;
        }

        if (format == OutputFormat.Table)
        {
            ReportText.Write(Console.Out, report);
            return;
        }

        ResultWriter.Write(Console.Out, new[] { report }, format, Array.Empty<TableColumn<TelnyxReadinessReport>>(), _ => null);
        Console.Error.Write(report.Summary);
        Console.Error.WriteLine();
    }

    /// <summary>The --html file: checked before the check runs, written after it.</summary>
    private static class HtmlFile
    {
        public static bool CanWrite(string path, out string? error)
        {
            error = null;
            try
            {
                using (File.Open(path, FileMode.OpenOrCreate, FileAccess.Write))
                {
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                error = "cannot write '" + path + "': " + ex.Message;
                return false;
            }
        }

        public static bool Write(string path, TelnyxReadinessReport report)
        {
            try
            {
                HtmlReport.Write(path, new[] { new MetadataProperties(report) }, DateTimeOffset.UtcNow);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("telnyxnet: --html: cannot write '" + path + "': " + ex.Message);
                return false;
            }
        }
    }
}
