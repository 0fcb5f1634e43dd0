using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet signaling</c>: the CLI face of Test-TelnyxSignaling.</summary>
internal static class SignalingCommand
{
    private static readonly IReadOnlyList<TableColumn<SignalingResult>> Columns = new[]
    {
        new TableColumn<SignalingResult>("Uri", r => r.Uri),
        new TableColumn<SignalingResult>("Address", r => r.RemoteAddress),
        new TableColumn<SignalingResult>("Proxy", r => r.ProxyUsed),
        new TableColumn<SignalingResult>("Status", r => r.Status),
        new TableColumn<SignalingResult>("HeldSeconds", r => r.HeldSeconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<SignalingResult>("PingMs", r => Cells.Milliseconds(r.PingRoundTripMs), RightAlign: true),
        new TableColumn<SignalingResult>("TlsIntercepted", r => r.TlsIntercepted?.ToString()),
        new TableColumn<SignalingResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var proxy = new ProxyArguments();
        var uri = new Option<string[]>("--uri", "-u")
        {
            Description = "WebSocket URI: wss://host[:port][/path], ws://..., or a host. Repeat for several. Default: wss://rtc.telnyx.com.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var region = ProbeArguments.Choices("--region", "-r", "Telnyx signaling region to test ({region}.rtc.telnyx.com): " + string.Join(", ", SignalingTarget.Regions) + ". Repeat for several.", SignalingTarget.Regions.ToArray());
        var skip = new Option<bool>("--skip-certificate-check") { Description = "Accept any certificate (the chain is still reported)." };
        var hold = ProbeArguments.Integer("--hold", null, "Seconds to hold the WebSocket open (0-3600; default 10).", 10, 0, 3600);
        var pingInterval = ProbeArguments.Integer("--ping-interval", null, "Also Ping every this many seconds during the hold (0-3600; default 0: only at the start and the end).", 0, 0, 3600);
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);
        var throttle = ProbeArguments.Throttle();

        var command = new Command("signaling", "Test the WebRTC signaling path (WSS to rtc.telnyx.com:443) step by step: proxy, TCP, TLS and inspection, the WebSocket upgrade, a held connection. Exit code 0 when every URI opened and held, 1 when one did not, 2 for a usage error.")
        {
            uri, region, skip, hold, pingInterval, family, timeout, throttle,
        };
        proxy.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var targets = new List<SignalingTarget>();
            var usageError = false;
            var values = parse.GetValue(uri) ?? Array.Empty<string>();
            foreach (var value in values)
            {
                if (SignalingTarget.TryParse(value, out var target, out var error))
                {
                    targets.Add(target!);
                }
                else
                {
                    Console.Error.WriteLine("telnyxnet: " + error);
                    usageError = true;
                }
            }

            targets.AddRange((parse.GetValue(region) ?? Array.Empty<string>()).Select(r => SignalingTarget.Telnyx(r)));
            if (!proxy.TryRead(parse, out var proxyUri, out var credential, out var proxyError))
            {
                Console.Error.WriteLine("telnyxnet: " + proxyError);
                return ExitCodes.Usage;
            }

            if (usageError && targets.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var options = new SignalingOptions
            {
                Targets = targets.Count > 0 ? targets : new[] { SignalingTarget.Telnyx() },
                Proxy = proxyUri,
                ProxyCredential = credential,
                NoProxy = parse.GetValue(proxy.NoProxy),
                SkipCertificateCheck = parse.GetValue(skip),
                Hold = TimeSpan.FromSeconds(parse.GetValue(hold)),
                PingInterval = TimeSpan.FromSeconds(parse.GetValue(pingInterval)),
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                ThrottleLimit = parse.GetValue(throttle),
            };
            return await common.RunAsync(parse, Columns, Footnote, (log, progress, ct) => SignalingProbe.RunAsync(options, log, progress, ct), SignalingProbe.Passed, usageError, token);
        });
        return command;
    }

    private static string? Footnote(SignalingResult result) =>
        Cells.Footnote(result.Status, result.Uri + (result.RemoteAddress.Length > 0 ? " (" + result.RemoteAddress + ")" : string.Empty), result.Message, result.Remediation);
}
