using System.CommandLine;
using System.Net;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet sip</c>: the CLI face of Test-TelnyxSip.</summary>
internal static class SipCommand
{
    private static readonly IReadOnlyList<TableColumn<SipOptionsResult>> Columns = new[]
    {
        new TableColumn<SipOptionsResult>("Server", r => Cells.Server(r.Server, r.Port, r.RemoteAddress)),
        new TableColumn<SipOptionsResult>("Transport", r => r.Transport),
        new TableColumn<SipOptionsResult>("Status", r => r.Status),
        new TableColumn<SipOptionsResult>("Code", r => r.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), RightAlign: true),
        new TableColumn<SipOptionsResult>("RoundTripTimeMs", r => Cells.Milliseconds(r.RoundTripTimeMs), RightAlign: true),
        new TableColumn<SipOptionsResult>("ReceivedAddress", r => Cells.Address(r.ReceivedAddress, r.ReceivedPort)),
        new TableColumn<SipOptionsResult>("AlgSuspected", r => r.AlgSuspected?.ToString()),
        new TableColumn<SipOptionsResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var server = ProbeArguments.Servers("SIP server: sip:/sips: URI, host, host:port or [IPv6]:port, optionally with ;transport=udp|tcp|tls. Repeat for several. Default: sip.telnyx.com (or the --region names).");
        var region = ProbeArguments.Choices("--region", "-r", "Telnyx regions to test instead: us, eu, ca, au (repeat for several); each stands for every name Telnyx's pages give it.", "us", "eu", "ca", "au");
        var transport = ProbeArguments.Choices("--transport", "-t", "Test only these transports: udp, tcp or tls (repeat for several). Default: every transport the server's DNS offers.", "udp", "tcp", "tls");
        var dnsServer = new Option<string[]>("--dns-server")
        {
            Description = "DNS resolver to ask instead of this machine's: IP, IPv4:port or [IPv6]:port (repeat for several).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);
        var throttle = ProbeArguments.Throttle();
        var stunServer = new Option<string>("--stun-server")
        {
            Description = "STUN server each UDP request's own socket asks first, to hold the proxy's received/rport against a plain NAT's mapping (SIP ALG evidence): host, host:port or stun: URI. Default: " + SipOptionsOptions.DefaultStunServer.Input + ".",
            DefaultValueFactory = _ => SipOptionsOptions.DefaultStunServer.Input,
        };

        var command = new Command("sip", "Test SIP signaling: OPTIONS (RFC 3261) over UDP, TCP and TLS to every address RFC 3263 DNS (NAPTR, SRV, A/AAAA) finds, with SIP ALG detection. Exit code 0 when at least one proxy answered, 1 when none did, 2 for a usage error.")
        {
            server, region, transport, dnsServer, family, timeout, throttle, stunServer,
        };
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var servers = new List<SipServerAddress>();
            var usageError = false;
            foreach (var value in parse.GetValue(server) ?? Array.Empty<string>())
            {
                if (SipServerAddress.TryParse(value, out var parsed, out var error))
                {
                    servers.Add(parsed!);
                }
                else
                {
                    Console.Error.WriteLine("telnyxnet: " + error);
                    usageError = true;
                }
            }

            var resolvers = new List<IPEndPoint>();
            foreach (var value in parse.GetValue(dnsServer) ?? Array.Empty<string>())
            {
                if (!DnsServerAddress.TryParse(value, out var resolver, out var error))
                {
                    Console.Error.WriteLine("telnyxnet: " + error);
                    return ExitCodes.Usage;
                }

                resolvers.Add(resolver!);
            }

            if (!SipOptionsOptions.TryParseStunServer(parse.GetValue(stunServer), out var stun, out var stunError))
            {
                Console.Error.WriteLine("telnyxnet: " + stunError);
                return ExitCodes.Usage;
            }

            if (usageError && servers.Count == 0)
            {
                return ExitCodes.Usage;
            }

            var regions = parse.GetValue(region)?.Select(r => Enum.Parse<SipRegion>(r, ignoreCase: true)).ToList();
            var options = new SipOptionsOptions
            {
                Servers = servers.Count > 0 ? servers : TelnyxSipEndpoints.Servers(regions),
                Transports = parse.GetValue(transport)?.Select(t => Enum.Parse<TransportProtocol>(t, ignoreCase: true)).ToList(),
                DnsServers = resolvers.Count > 0 ? resolvers : null,
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                ThrottleLimit = parse.GetValue(throttle),
                StunServer = stun,
            };
            if (options.Servers.All(s => SipOptionsProbe.TransportsFor(s, options.Transports).Count == 0))
            {
                Console.Error.WriteLine("telnyxnet: no server to test: --transport leaves out every --server value.");
                return ExitCodes.Usage;
            }

            return await common.RunAsync(parse, Columns, Footnote, (log, progress, ct) => SipOptionsProbe.RunAsync(options, log, progress, ct), SipOptionsProbe.Passed, usageError, token);
        });
        return command;
    }

    private static string? Footnote(SipOptionsResult result) =>
        result.AlgSuspected == true && result.Status == nameof(ProbeStatus.Succeeded)
            ? Cells.Server(result.Server, result.Port, result.RemoteAddress) + "/" + result.Transport + ": " + result.Message + Environment.NewLine + "  Fix: " + result.Remediation
            : Cells.Footnote(result.Status, Cells.Server(result.Server, result.Port, result.RemoteAddress) + "/" + result.Transport, result.Message, result.Remediation);
}
