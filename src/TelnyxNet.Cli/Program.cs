using System.CommandLine;
using TelnyxNet.Cli;
using TelnyxNet.Cli.Commands;

var root = new RootCommand(
    "telnyxnet: tells, with real protocol exchanges, whether this machine can place Telnyx WebRTC and SIP calls, and what exactly blocks it." + Environment.NewLine +
    "Exit codes: 0 the check passed; 1 the check failed; 2 usage error (bad option or server value); 130 interrupted. check: 0 Ready, 1 Blocked, 3 Degraded, 4 Inconclusive.")
{
    StunCommand.Create(),
    TurnCommand.Create(),
    SipCommand.Create(),
    IceCommand.Create(),
    NatCommand.Create(),
    SignalingCommand.Create(),
    EndpointsCommand.Create(),
    FirewallCommand.Create(),
    MediaCommand.Create(),
    CheckCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line per error, each naming the option and the value (the typed options of ProbeArguments
    // word their own), and where to read the usage.
    var help = "telnyxnet " + (parsed.CommandResult.Command == root ? string.Empty : parsed.CommandResult.Command.Name + " ") + "--help";
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine("telnyxnet: " + error.Message.TrimEnd('.') + ". See '" + help + "'.");
    }

    return ExitCodes.Usage;
}

// Ctrl+C (SIGINT) and SIGTERM cancel the command's token; the command then has this long to clean
// up (delete TURN allocations: at most 2 s each, in parallel) before the process ends with 130.
// Without it, System.CommandLine 2.0 leaves the signals to the runtime, which ends the process at once.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });
