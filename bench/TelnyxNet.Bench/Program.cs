using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using TelnyxNet.Bench;
using TelnyxNet.Bench.Check;
using TelnyxNet.Bench.Codec;
using TelnyxNet.Bench.Firewall;
using TelnyxNet.Bench.InProcess;
using TelnyxNet.Bench.Lab;
using TelnyxNet.Bench.Media;
using TelnyxNet.Bench.Scale;
using TelnyxNet.Bench.Scenario;
using TelnyxNet.Bench.Summary;
using TelnyxNet.Bench.Turn;
using TelnyxNet.Engine.Diagnosis;

const string Usage = """
    usage: TelnyxNet.Bench <subcommand> [options]
      codec [BenchmarkDotNet options]   codec micro-benchmarks (default: all, --filter '*'; --job short is quick)
      inprocess --port P [--iterations N] [--warmup N] [--results FILE]
                                        engine Binding round trips against 127.0.0.1:P
      scenario --port P [--runs N] [--warmup N] [--refused-runs N] [--bound S]
               [--silent-timeout S] [--cli PATH] [--turnutils PATH] [--results FILE]
                                        whole-process telnyxnet vs turnutils_stunclient
      lab [--delay MS] [--jitter MS] [--seed N] [--bindings N] [--runs N] [--bound S]
          [--cli PATH] [--turnutils PATH] [--results FILE]
                                        RTT accuracy on an impaired path in the network lab (root)
      summary --results FILE [--server TEXT]
                                        one table with ratios from a results file
      turn [--runs N] [--warmup N] [--packets N] [--bound S] [--cli PATH] [--turnserver PATH]
           [--uclient PATH] [--peer PATH] [--results FILE]
                                        whole-process telnyxnet turn vs turnutils_uclient on a private coturn
      fanout --port P [--targets N] [--throttle N] [--runs N] [--bound S] [--cli PATH] [--results FILE]
                                        whole-process telnyxnet stun with N targets vs 1
      junk [--seconds S] [--results FILE]
                                        managed heap of the stream client while a server streams junk
      firewall [--runs N] [--sequential-runs N] [--timeout S] [--cli PATH] [--results FILE]
                                        time to verdict on an all-blocked lab network: every rule at once vs one by one (root)
      media [--paths D/J/L,...] [--duration S] [--runs N] [--seed N] [--uclient PATH] [--peer PATH] [--results FILE]
                                        media path fidelity against the lab relay's truth, and turnutils_uclient's (root)
      check [--runs N] [--sequential-runs N] [--timeout S] [--cli PATH] [--results FILE]
                                        telnyxnet check on an all-dropped lab network vs its parts one by one (root)
    """;

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var rest = args.Skip(1).ToArray();
try
{
    switch (args[0])
    {
        case "codec":
            Directory.SetCurrentDirectory(RepositoryPaths.BenchProject());
            var bdnArgs = rest.Contains("--filter") ? rest : rest.Concat(new[] { "--filter", "*" }).ToArray();
            var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(CodecBenchmarks) }).Run(bdnArgs, DefaultConfig.Instance);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        case "inprocess":
            return await InProcessCommand.RunAsync(BenchArguments.Parse(rest));
        case "scenario":
            return await ScenarioCommand.RunAsync(BenchArguments.Parse(rest));
        case "lab":
            return await LabCommand.RunAsync(BenchArguments.Parse(rest));
        case "summary":
            return SummaryCommand.Run(BenchArguments.Parse(rest));
        case "turn":
            return await TurnScenarioCommand.RunAsync(BenchArguments.Parse(rest));
        case "fanout":
            return await FanOutCommand.RunAsync(BenchArguments.Parse(rest));
        case "junk":
            return await JunkCommand.RunAsync(BenchArguments.Parse(rest));
        case "firewall":
            return await FirewallScenarioCommand.RunAsync(BenchArguments.Parse(rest));
        case "media":
            return await MediaFidelityCommand.RunAsync(BenchArguments.Parse(rest));
        case "check":
            return await CheckScenarioCommand.RunAsync(BenchArguments.Parse(rest));
        default:
            throw new UsageException("unknown subcommand '" + args[0] + "'.");
    }
}
catch (UsageException ex)
{
    Console.Error.WriteLine("TelnyxNet.Bench: " + ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception ex) when (ex is ProbeException || ex is InvalidOperationException)
{
    Console.Error.WriteLine("TelnyxNet.Bench: " + ex.Message);
    return 1;
}
