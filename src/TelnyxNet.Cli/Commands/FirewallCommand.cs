using System.CommandLine;
using TelnyxNet.Cli.Output;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Cli.Commands;

/// <summary><c>telnyxnet firewall</c>: the CLI face of Test-TelnyxFirewall.</summary>
internal static class FirewallCommand
{
    private static readonly IReadOnlyList<TableColumn<FirewallRuleResult>> Columns = new[]
    {
        new TableColumn<FirewallRuleResult>("Service", r => r.Service),
        new TableColumn<FirewallRuleResult>("Rule", r => r.Transport.ToUpperInvariant() + " " + (r.PortRange.Length > 0 ? r.PortRange : r.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        new TableColumn<FirewallRuleResult>("Server", r => r.Server),
        new TableColumn<FirewallRuleResult>("Required", r => r.Required.ToString()),
        new TableColumn<FirewallRuleResult>("Verdict", r => r.Verdict),
        new TableColumn<FirewallRuleResult>("ResponseMs", r => Cells.Milliseconds(r.ResponseTimeMs), RightAlign: true),
        new TableColumn<FirewallRuleResult>("FailureReason", r => Cells.Reason(r.FailureReason)),
    };

    public static Command Create()
    {
        var common = new CommonOptions();
        var catalog = new CatalogArguments();
        var proxy = new ProxyArguments();
        var username = new Option<string>("--username") { Description = "TURN user name for the TURN rules; its password comes from " + TurnArguments.PasswordVariable + " or a prompt. Default: the Telnyx WebRTC SDK's public default credential (a 401 challenge already proves a rule)." };
        var skip = new Option<bool>("--skip-certificate-check") { Description = "Accept any certificate on WSS and TLS rules (the chain is still reported)." };
        var family = ProbeArguments.Family();
        var timeout = ProbeArguments.Timeout(10);

        var command = new Command("firewall", "Test every firewall rule of the endpoint catalog with the probe that proves it (all at once, within --timeout) and say what to ask the network team for. Exit code 0 when every required rule that can be tested is allowed, 1 when one is not, 2 for a usage error.")
        {
            username, skip, family, timeout,
        };
        catalog.AddTo(command);
        proxy.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var rules = catalog.Read(parse, out var error);
            if (rules is null || !proxy.TryRead(parse, out var proxyUri, out var proxyCredential, out error))
            {
                Console.Error.WriteLine("telnyxnet: " + error);
                return ExitCodes.Usage;
            }

            if (rules.Count == 0)
            {
                Console.Error.WriteLine("telnyxnet: no rule to test: --service, --environment and --required-only leave none.");
                return ExitCodes.Usage;
            }

            var credential = TurnArguments.Credential(parse.GetValue(username), false, out var credentialError);
            if (credential is null)
            {
                Console.Error.WriteLine("telnyxnet: " + credentialError);
                return ExitCodes.Usage;
            }

            var options = new FirewallOptions
            {
                Rules = rules,
                TurnCredential = credential,
                Proxy = proxyUri,
                ProxyCredential = proxyCredential,
                NoProxy = parse.GetValue(proxy.NoProxy),
                SkipCertificateCheck = parse.GetValue(skip),
                AddressFamily = ProbeArguments.FamilyOf(parse, family),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            return await common.RunAsync(parse, Columns, Footnote, (log, progress, ct) => FirewallTest.RunAsync(options, log, progress, ct), FirewallTest.Passed, false, token);
        });
        return command;
    }

    /// <summary>The evidence and the request of every rule that is not allowed; rules not tested are left out of the notes (their rows say so).</summary>
    private static string? Footnote(FirewallRuleResult result) =>
        result.Status == "Failed" ? result.Rule + ": " + result.Message + " " + result.Evidence + Environment.NewLine + "  Ask for: " + result.Remediation : null;
}
