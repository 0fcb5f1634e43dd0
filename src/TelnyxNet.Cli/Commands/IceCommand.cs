using System.CommandLine;
using System.Globalization;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet ice</c>: the CLI face of Get-TelnyxIceCandidate.</summary>
internal static class IceCommand
{
    private static readonly IReadOnlyList<TableColumn<IceCandidate>> Columns = new[]
    {
        new TableColumn<IceCandidate>("Type", c => c.Type),
        new TableColumn<IceCandidate>("Address", c => Cells.Address(c.Address, c.Port)),
        new TableColumn<IceCandidate>("Interface", c => c.Interface),
        new TableColumn<IceCandidate>("AdapterKind", c => c.AdapterKind),
        new TableColumn<IceCandidate>("AddressClass", c => c.AddressClass),
        new TableColumn<IceCandidate>("Priority", c => c.Priority.ToString(CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<IceCandidate>("Via", c => c.RelayProtocol.Length > 0 ? c.Server + " (" + c.RelayProtocol + ")" : c.Server),
    };

    private static readonly IReadOnlyList<TableColumn<IceGatheringSummary>> SummaryColumns = new[]
    {
        new TableColumn<IceGatheringSummary>("Host", s => s.HostCount.ToString(CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<IceGatheringSummary>("Srflx", s => s.SrflxCount.ToString(CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<IceGatheringSummary>("Relay", s => s.RelayCount.ToString(CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<IceGatheringSummary>("FirstNonHostMs", s => Cells.Milliseconds(s.FirstNonHostMs), RightAlign: true),
        new TableColumn<IceGatheringSummary>("CompleteMs", s => Cells.Milliseconds(s.CompleteMs), RightAlign: true),
        new TableColumn<IceGatheringSummary>("TimedOut", s => s.TimedOut.ToString()),
        new TableColumn<IceGatheringSummary>("FindingCodes", s => s.FindingCodes),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var server = ProbeArguments.Servers("ICE server URL: stun:host[:port], turn:host[:port][?transport=udp|tcp] or turns:host[:port]. Repeat for several. Default: the Telnyx WebRTC SDK's ICE servers (stun.telnyx.com, stun.l.google.com, turn.telnyx.com over UDP, TCP and TLS, turn2.telnyx.com over TLS).");
        var username = new Option<string>("--username", "-u") { Description = "TURN user name; its password comes from " + TurnArguments.PasswordVariable + " or a prompt. With --shared-secret: the name in 'expiry:name'. Without either, the SDK's public default credential." };
        var sharedSecret = new Option<bool>("--shared-secret") { Description = "Use a TURN REST API credential derived from the shared secret in " + TurnArguments.SecretVariable + " (or a prompt)." };
        var summary = new Option<bool>("--summary") { Description = "Print the gathering summary (counts, timings, findings) instead of the candidates." };
        var sdp = new Option<bool>("--sdp") { Description = "Print the a=candidate: SDP lines only." };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(5);
        var command = new Command("ice", "Gather ICE candidates (RFC 8445) from every interface as a browser would, and say why a candidate type is missing. Exit code 0 when a srflx or relay candidate was gathered, 1 when none was, 2 for a usage error.")
        {
            server, username, sharedSecret, summary, sdp, family, timeout,
        };
        common.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(sdp) && (result.GetValue(summary) || result.GetValue(common.Json) || result.GetValue(common.Csv)))
            {
                result.AddError("--sdp prints SDP lines; it cannot be used with --summary, --json or --csv.");
            }
        });
        command.SetAction(async (parse, token) =>
        {
            var stun = new List<StunServerAddress>();
            var turn = new List<TurnServerAddress>();
            var values = parse.GetValue(server) ?? Array.Empty<string>();
            var usageError = false;
            foreach (var value in values.Length > 0 ? values : TelnyxEndpoints.DefaultIceServers)
            {
                if (!IceServerUri.TryParse(value, out var s, out var t, out var error))
                {
                    Console.Error.WriteLine("telnyxnet: " + error!.Message);
                    usageError = true;
                }
                else if (s != null)
                {
                    stun.Add(s);
                }
                else
                {
                    turn.Add(t!);
                }
            }

            if (usageError && stun.Count + turn.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var credential = TurnArguments.Credential(parse.GetValue(username), parse.GetValue(sharedSecret), out var credentialError);
            if (credential is null)
            {
                Console.Error.WriteLine("telnyxnet: " + credentialError);
                return ExitCodes.Usage;
            }

            var options = new IceGatheringOptions
            {
                StunServers = stun,
                TurnServers = turn,
                Credential = credential,
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            IceGatheringSummary? gathered = null;
            async Task<IceGatheringSummary> GatherAsync(Engine.IEngineLog log, IProgress<Engine.ProbeProgress>? progress, CancellationToken ct) =>
                gathered = await IceGatheringProbe.RunAsync(options, log, progress, ct);

            if (parse.GetValue(sdp))
            {
                return await PrintSdpAsync(common, parse, GatherAsync, usageError, token);
            }

            if (parse.GetValue(summary))
            {
                return await common.RunAsync(parse, SummaryColumns, s => Findings(s), async (log, progress, ct) => new[] { await GatherAsync(log, progress, ct) }, r => IceGatheringProbe.Passed(r[0]), usageError, token);
            }

            var code = await common.RunAsync(parse, Columns, _ => null, async (log, progress, ct) => (await GatherAsync(log, progress, ct)).Candidates, _ => IceGatheringProbe.Passed(gathered!), usageError, token);
            if (gathered != null && common.FormatOf(parse) == OutputFormat.Table && Findings(gathered) is string findings)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine(findings);
            }

            return code;
        });
        return command;
    }

    private static async Task<int> PrintSdpAsync(CommonOptions common, ParseResult parse, Func<Engine.IEngineLog, IProgress<Engine.ProbeProgress>?, CancellationToken, Task<IceGatheringSummary>> gather, bool usageError, CancellationToken token)
    {
        IceGatheringSummary summary;
        try
        {
            summary = await gather(common.LogOf(parse), parse.GetValue(common.Verbose) ? null : ConsoleProgress.ForTerminal(), token);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }

        foreach (var candidate in summary.Candidates)
        {
            Console.Out.WriteLine(candidate.ToSdpLine());
        }

        return usageError ? ExitCodes.Usage : IceGatheringProbe.Passed(summary) ? ExitCodes.Passed : ExitCodes.Failed;
    }

    /// <summary>The findings under the table, one per line with its fix; null without findings.</summary>
    private static string? Findings(IceGatheringSummary summary) =>
        summary.Findings.Count == 0 ? null : string.Join(Environment.NewLine, summary.Findings.Select(f => f.Code + " (" + f.Effect + "): " + f.Message + Environment.NewLine + "  Fix: " + f.Remediation));
}
