using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet stun</c>: the CLI face of Test-TelnyxStun.</summary>
internal static class StunCommand
{
    private static readonly IReadOnlyList<TableColumn<StunBindingResult>> Columns = new[]
    {
        new TableColumn<StunBindingResult>("Server", r => Cells.Server(r.Server, r.Port, r.RemoteAddress)),
        new TableColumn<StunBindingResult>("Transport", r => r.Transport),
        new TableColumn<StunBindingResult>("Status", r => r.Status),
        new TableColumn<StunBindingResult>("MappedAddress", r => Cells.Address(r.MappedAddress, r.MappedPort)),
        new TableColumn<StunBindingResult>("RoundTripTimeMs", r => Cells.Milliseconds(r.RoundTripTimeMs), RightAlign: true),
        new TableColumn<StunBindingResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var server = ProbeArguments.Servers("STUN server: host, host:port, [IPv6]:port, stun:host:port or stuns:host:port. Repeat for several. Default: stun.telnyx.com:3478 and stun.l.google.com:19302.");
        var transport = ProbeArguments.Choice("--transport", "-t", "udp (default), tcp or tls.", "udp", "udp", "tcp", "tls");
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(5);
        var count = ProbeArguments.Integer("--count", "-c", "Binding requests per server address (1-1000); above 1, min/avg/max RTT.", 1, 1, 1000);
        var throttle = ProbeArguments.Throttle();

        var command = new Command("stun", "Test STUN Binding (RFC 8489) against Telnyx's STUN servers or any other. Exit code 0 when at least one server answered, 1 when none did, 2 for a usage error.")
        {
            server, transport, family, timeout, count, throttle,
        };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var protocol = Enum.Parse<TransportProtocol>(parse.GetValue(transport)!, ignoreCase: true);
            var servers = new List<StunServerAddress>();
            var usageError = false;
            foreach (var value in parse.GetValue(server) ?? Array.Empty<string>())
            {
                if (StunServerAddress.TryParse(value, protocol, out var parsed, out var error))
                {
                    servers.Add(parsed!);
                }
                else
                {
                    Console.Error.WriteLine("telnyxnet: " + error);
                    usageError = true;
                }
            }

            if (usageError && servers.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var options = new StunBindingOptions
            {
                Servers = servers.Count > 0 ? servers : TelnyxEndpoints.DefaultStunServers(protocol),
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Count = parse.GetValue(count),
                ThrottleLimit = parse.GetValue(throttle),
            };
            return await common.RunAsync(parse, Columns, Footnote, (log, progress, ct) => StunBindingProbe.RunAsync(options, log, progress, ct), StunBindingProbe.Passed, usageError, token);
        });
        return command;
    }

    private static string? Footnote(StunBindingResult result) =>
        Cells.Footnote(result.Status, StunServerAddress.FormatHostPort(result.Server, result.Port), result.Message, result.Remediation);
}
