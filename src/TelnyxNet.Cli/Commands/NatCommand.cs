using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet nat</c>: the CLI face of Get-TelnyxNatBehavior.</summary>
internal static class NatCommand
{
    private static readonly IReadOnlyList<TableColumn<NatBehaviorResult>> Columns = new[]
    {
        new TableColumn<NatBehaviorResult>("Server", r => Cells.Server(r.Server, r.Port, string.Empty)),
        new TableColumn<NatBehaviorResult>("Status", r => r.Status),
        new TableColumn<NatBehaviorResult>("PublicAddress", r => Cells.Address(r.PublicAddress, r.PublicPort)),
        new TableColumn<NatBehaviorResult>("MappingBehavior", r => r.MappingBehavior),
        new TableColumn<NatBehaviorResult>("FilteringBehavior", r => r.FilteringBehavior),
        new TableColumn<NatBehaviorResult>("Hairpinning", r => r.Hairpinning?.ToString()),
        new TableColumn<NatBehaviorResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var server = ProbeArguments.Servers("STUN server: host, host:port, [IPv6]:port or stun:host:port; the first is asked for RFC 5780, the second is the other destination of the two-server comparison. Default: stun.telnyx.com:3478 and stun.l.google.com:19302.");
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(5);
        var measureLifetime = new Option<bool>("--measure-lifetime") { Description = "Also measure how long an idle mapping lives (RFC 5780 §4.6), up to --lifetime seconds." };
        var lifetime = ProbeArguments.Integer("--lifetime", null, "The longest idle time --measure-lifetime tries, in seconds (1-600; default 60).", 60, 1, 600);
        var command = new Command("nat", "Tell what kind of NAT is in the way (RFC 5780): mapping and filtering behaviour, hairpinning, port preservation, binding lifetime. Exit code 0 when srflx candidates work for every peer (no NAT or endpoint-independent mapping), 1 otherwise, 2 for a usage error.")
        {
            server, family, timeout, measureLifetime, lifetime,
        };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var servers = new List<StunServerAddress>();
            var usageError = false;
            foreach (var value in parse.GetValue(server) ?? Array.Empty<string>())
            {
                if (StunServerAddress.TryParse(value, TransportProtocol.Udp, explicitTransport: true, out var parsed, out var problem))
                {
                    servers.Add(parsed!);
                }
                else
                {
                    Console.Error.WriteLine("telnyxnet: " + problem!.Message);
                    usageError = true;
                }
            }

            if (usageError && servers.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var options = new NatBehaviorOptions
            {
                Servers = servers.Count > 0 ? servers : TelnyxEndpoints.DefaultStunServers(TransportProtocol.Udp),
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MeasureLifetime = parse.GetValue(measureLifetime),
                LifetimeLimit = TimeSpan.FromSeconds(parse.GetValue(lifetime)),
            };
            return await common.RunAsync(parse, Columns, Footnote, async (log, progress, ct) => new[] { await NatBehaviorProbe.RunAsync(options, log, progress, ct) }, r => NatBehaviorProbe.Passed(r[0]), usageError, token);
        });
        return command;
    }

    /// <summary>Under the table: what was found and, when something needs doing, the fix.</summary>
    private static string Footnote(NatBehaviorResult result) =>
        StunServerAddress.FormatHostPort(result.Server, result.Port) + ": " + result.Message + (result.Remediation.Length > 0 ? Environment.NewLine + "  Fix: " + result.Remediation : string.Empty);
}
