using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet turn</c>: the CLI face of Test-TelnyxTurn.</summary>
internal static class TurnCommand
{
    /// <summary>Where the password of --username comes from (or a prompt on a terminal).</summary>
    public const string PasswordVariable = "TELNYXNET_TURN_PASSWORD";

    /// <summary>Where the shared secret of --shared-secret comes from (or a prompt on a terminal).</summary>
    public const string SecretVariable = "TELNYXNET_TURN_SECRET";

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
        var server = ProbeArguments.Servers("TURN server: turn:host[:port][?transport=udp|tcp], turns:host[:port] (RFC 7065), host, host:port or [IPv6]:port. Repeat for several. Default: turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443.");
        var transport = new Option<string[]>("--transport", "-t")
        {
            Description = "Test only these transports: udp, tcp or tls (repeat for several). A plain host is tested over udp and tcp unless this says otherwise.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        transport.AcceptOnlyFromAmong("udp", "tcp", "tls");
        var username = new Option<string>("--username", "-u")
        {
            Description = "TURN user name; its password comes from " + PasswordVariable + " or a prompt, never from the command line. With --shared-secret: the name in the user name 'expiry:name' (default " + TelnyxEndpoints.TurnRestName + "). Without either, the Telnyx WebRTC SDK's public default credential.",
        };
        var sharedSecret = new Option<bool>("--shared-secret")
        {
            Description = "Use a TURN REST API credential derived from the shared secret in " + SecretVariable + " (or a prompt): user name 'expiry:name', valid 1 hour, password base64(HMAC-SHA1(secret, user name)).",
        };
        var skipRelayCheck = new Option<bool>("--skip-relay-check") { Description = "Allocate only; do not prove that the relay forwards data." };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);

        var command = new Command("turn", "Test TURN allocation and relaying (RFC 8656) against Telnyx's TURN server or any other. Exit code 0 when at least one transport relayed, 1 when none did, 2 for a usage error.")
        {
            server, transport, username, sharedSecret, skipRelayCheck, family, timeout,
        };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var filter = parse.GetValue(transport)?.Select(t => Enum.Parse<TransportProtocol>(t, ignoreCase: true)).ToList();
            var servers = new List<TurnServerAddress>();
            var usageError = false;
            var values = parse.GetValue(server) ?? Array.Empty<string>();
            foreach (var value in values)
            {
                if (!TurnServerAddress.TryParse(value, filter, out var parsed, out var error))
                {
                    Console.Error.WriteLine("telnyxnet: " + error);
                    usageError = true;
                }

                servers.AddRange(parsed);
            }

            if (values.Length > 0 && servers.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var credential = Credential(parse.GetValue(username), parse.GetValue(sharedSecret), out var credentialError);
            if (credential is null)
            {
                Console.Error.WriteLine("telnyxnet: " + credentialError);
                return ExitCodes.Usage;
            }

            var options = new TurnAllocationOptions
            {
                Servers = servers.Count > 0 ? servers : TelnyxEndpoints.DefaultTurnServers(filter),
                Credential = credential,
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                SkipRelayCheck = parse.GetValue(skipRelayCheck),
            };
            return await common.RunAsync(parse, Columns, Footnote, (engineLog, progress, ct) => TurnAllocationProbe.RunAsync(options, engineLog, progress, ct), TurnAllocationProbe.Passed, usageError, token);
        });
        return command;
    }

    /// <summary>The credential the options ask for; null with <paramref name="error"/> when its secret is missing or it is not valid.</summary>
    internal static TurnCredential? Credential(string? username, bool sharedSecret, out string? error)
    {
        error = null;
        if (!sharedSecret && username is null)
        {
            return TurnCredential.TelnyxDefault;
        }

        if (username is not null && TurnCredential.UsernameError(username) is string invalid)
        {
            error = "--username: " + invalid;
            return null;
        }

        var secret = sharedSecret
            ? SecretInput.Read(SecretVariable, "the TURN shared secret", out error)
            : SecretInput.Read(PasswordVariable, "the password of TURN user " + username, out error);
        if (secret is null)
        {
            return null;
        }

        using (secret)
        {
            return sharedSecret ? TurnCredential.FromSharedSecret(secret, username) : TurnCredential.FromPassword(username!, secret);
        }
    }

    private static string? Footnote(TurnAllocationResult result) =>
        Cells.Footnote(result.Status, StunServerAddress.FormatHostPort(result.Server, result.Port) + " " + result.Transport, result.Message, result.Remediation);
}
