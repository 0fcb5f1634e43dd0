using System.CommandLine;
using System.Globalization;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet media</c>: the CLI face of Measure-TelnyxMediaPath.</summary>
internal static class MediaCommand
{
    private static readonly IReadOnlyList<TableColumn<MediaPathQuality>> Columns = new[]
    {
        new TableColumn<MediaPathQuality>("Server", r => Cells.Server(r.Server, r.Port, r.RemoteAddress)),
        new TableColumn<MediaPathQuality>("Transport", r => r.Transport),
        new TableColumn<MediaPathQuality>("Status", r => r.Status),
        new TableColumn<MediaPathQuality>("Quality", r => r.Quality),
        new TableColumn<MediaPathQuality>("RttMs", r => Cells.Milliseconds(r.RoundTripTimeMs), RightAlign: true),
        new TableColumn<MediaPathQuality>("JitterMs", r => Cells.Milliseconds(r.JitterMs), RightAlign: true),
        new TableColumn<MediaPathQuality>("Loss%", r => r.LossPercent?.ToString("0.0#", CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<MediaPathQuality>("MOS", r => r.EstimatedMos?.ToString("0.00", CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<MediaPathQuality>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var turn = new TurnArguments("TURN server to stream through: turn:host[:port][?transport=udp|tcp], turns:host[:port] (RFC 7065), host, host:port or [IPv6]:port. Repeat for several; the transports of one host are tried UDP first, then TCP, then TLS. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.");
        var maxDuration = (int)MediaPathOptions.MaxDuration.TotalSeconds;
        var duration = ProbeArguments.Integer("--duration", "-d", "How long to stream, in seconds (1-" + maxDuration + "; default 5, like the SDK's pre-call test): 50 RTP packets a second.", (int)TelnyxEndpoints.MediaTestDuration.TotalSeconds, 1, maxDuration);
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);
        timeout.Description = "Bound on setting the relay up, in seconds (1-600; default 10); the stream, the wait for its last echoes (at most 2 s) and the clean-up come on top.";

        var command = new Command("media", "Measure call quality through a TURN relay: an RTP stream shaped like a G.711 call (PCMU, 20 ms) to a peer on this machine and back, judged by the Telnyx WebRTC SDK's thresholds (RTT, jitter, loss, estimated MOS). Exit code 0 when media went through some relay both ways with good or fair quality, 1 otherwise, 2 for a usage error.");
        turn.AddTo(command);
        command.Options.Add(duration);
        command.Options.Add(family);
        command.Options.Add(timeout);
        var throttle = ProbeArguments.Throttle();
        command.Options.Add(throttle);
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            if (!turn.TryRead(parse, out var servers, out var credential, out var usageError))
            {
                return ExitCodes.Usage;
            }

            var options = new MediaPathOptions
            {
                Servers = servers,
                Credential = credential,
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                ThrottleLimit = parse.GetValue(throttle),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
            };
            return await common.RunAsync(parse, Columns, Footnote, (log, progress, ct) => MediaPathProbe.RunAsync(options, log, progress, ct), MediaPathProbe.Passed, usageError, token);
        });
        return command;
    }

    /// <summary>Under the table: what happened and the fix, for every failure and every quality short of Good.</summary>
    private static string? Footnote(MediaPathQuality result) =>
        result.Status == nameof(ProbeStatus.Succeeded) && result.Remediation.Length == 0
            ? null
            : StunServerAddress.FormatHostPort(result.Server, result.Port) + " " + result.Transport + ": " + result.Message + (result.Remediation.Length > 0 ? Environment.NewLine + "  Fix: " + result.Remediation : string.Empty);
}
