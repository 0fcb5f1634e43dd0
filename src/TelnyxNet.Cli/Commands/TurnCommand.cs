using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet turn</c>: the CLI face of Test-TelnyxTurn.</summary>
internal static class TurnCommand
{
    private static readonly IReadOnlyList<TableColumn<TurnAllocationResult>> Columns = new[]
    {
        new TableColumn<TurnAllocationResult>("Server", r => Cells.Server(r.Server, r.Port, r.RemoteAddress)),
        new TableColumn<TurnAllocationResult>("Transport", r => r.Transport),
        new TableColumn<TurnAllocationResult>("Status", r => r.Status),
        new TableColumn<TurnAllocationResult>("RelayedAddress", r => Cells.Address(r.RelayedAddress, r.RelayedPort)),
        new TableColumn<TurnAllocationResult>("RelayVerified", r => r.RelayVerified?.ToString()),
        new TableColumn<TurnAllocationResult>("AllocateTimeMs", r => Cells.Milliseconds(r.AllocateTimeMs), RightAlign: true),
        new TableColumn<TurnAllocationResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var turn = new TurnArguments("TURN server: turn:host[:port][?transport=udp|tcp], turns:host[:port] (RFC 7065), host, host:port or [IPv6]:port. Repeat for several. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.");
        var skipRelayCheck = new Option<bool>("--skip-relay-check") { Description = "Allocate only; do not prove that the relay forwards data." };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);
        var throttle = ProbeArguments.Throttle();

        var command = new Command("turn", "Test TURN allocation and relaying (RFC 8656) against Telnyx's TURN server or any other. Exit code 0 when at least one transport relayed, 1 when none did, 2 for a usage error.");
        turn.AddTo(command);
        command.Options.Add(skipRelayCheck);
        command.Options.Add(family);
        command.Options.Add(timeout);
        command.Options.Add(throttle);
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            if (!turn.TryRead(parse, out var servers, out var credential, out var usageError))
            {
                return ExitCodes.Usage;
            }

            var options = new TurnAllocationOptions
            {
                Servers = servers,
                Credential = credential,
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                SkipRelayCheck = parse.GetValue(skipRelayCheck),
                ThrottleLimit = parse.GetValue(throttle),
            };
            return await common.RunAsync(parse, Columns, Footnote, (engineLog, progress, ct) => TurnAllocationProbe.RunAsync(options, engineLog, progress, ct), TurnAllocationProbe.Passed, usageError, token);
        });
        return command;
    }

    private static string? Footnote(TurnAllocationResult result) =>
        Cells.Footnote(result.Status, StunServerAddress.FormatHostPort(result.Server, result.Port) + " " + result.Transport, result.Message, result.Remediation);
}
