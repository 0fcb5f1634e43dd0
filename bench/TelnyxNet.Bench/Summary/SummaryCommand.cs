using System.Globalization;
using System.Runtime.InteropServices;
using TelnyxNet.Bench.Measurement;

namespace TelnyxNet.Bench.Summary;

/// <summary><c>summary</c>: one table of the figures in a results file, with the ratios against the peer.</summary>
internal static class SummaryCommand
{
    private static readonly (string Key, string Label)[] Timings =
    {
        ("inprocess.roundtrip", "engine Binding round trip, in-process (wall)"),
        ("inprocess.reported_rtt", "  RTT the engine reports for those"),
        ("scenario.telnyxnet", "telnyxnet stun, whole process"),
        ("scenario.telnyxnet.reported_rtt", "  RTT telnyxnet prints (cold process)"),
        ("scenario.telnyxnet.startup", "telnyxnet --version, whole process (floor)"),
        ("scenario.turnutils", "turnutils_stunclient, whole process"),
        ("fanout.one", "telnyxnet stun, 1 target, whole process"),
        ("fanout.many", "telnyxnet stun, 200 targets, whole process"),
        ("lab.truth", "lab: relay's hold of each request (truth)"),
        ("lab.engine_rtt", "lab: engine Binding RTT, same requests"),
        ("lab.engine_error", "lab: engine RTT minus truth"),
        ("lab.telnyxnet", "lab: telnyxnet stun, whole process"),
        ("lab.telnyxnet.printed_error", "lab: RTT telnyxnet prints minus truth"),
        ("lab.turnutils", "lab: turnutils_stunclient, whole process"),
        ("lab.turnutils.beyond_path", "lab: turnutils whole process minus truth"),
        ("firewall.parallel", "lab: telnyxnet firewall, all rules blocked, at once"),
        ("firewall.sequential", "lab: the same rules one run each, in turn"),
    };

    private static readonly (string Numerator, string Denominator, string Label)[] Ratios =
    {
        ("scenario.telnyxnet", "scenario.turnutils", "telnyxnet / turnutils_stunclient (whole process)"),
        ("inprocess.roundtrip", "scenario.turnutils", "engine round trip / turnutils_stunclient whole process"),
        ("scenario.telnyxnet.startup", "scenario.turnutils", "telnyxnet --version / turnutils_stunclient (whole process)"),
        ("fanout.many", "fanout.one", "telnyxnet stun, 200 targets / 1 target (whole process)"),
        ("memory.telnyxnet", "memory.turnutils", "telnyxnet stun / turnutils_stunclient (peak RSS)"),
        ("lab.engine_rtt", "lab.truth", "lab: engine RTT / relay truth (1 is exact)"),
        ("lab.telnyxnet", "lab.turnutils", "lab: telnyxnet / turnutils_stunclient (whole process)"),
        ("firewall.parallel", "firewall.sequential", "lab: firewall rules at once / one by one (all blocked)"),
    };

    private static readonly (string Key, string Label)[] Memory =
    {
        ("memory.telnyxnet", "telnyxnet stun, peak RSS"),
        ("memory.telnyxnet.startup", "telnyxnet --version, peak RSS"),
        ("memory.turnutils", "turnutils_stunclient, peak RSS"),
        ("junk.streamed", "junk: MiB streamed at the stream client"),
        ("junk.heap_growth", "junk: managed heap above its start"),
    };

    private static readonly (string Key, string Label)[] Failures =
    {
        ("failure.refused.telnyxnet", "refused port: telnyxnet"),
        ("failure.refused.turnutils", "refused port: turnutils_stunclient"),
        ("failure.silent.telnyxnet", "silent port: telnyxnet"),
        ("failure.silent.turnutils", "silent port: turnutils_stunclient"),
    };

    public static int Run(BenchArguments args)
    {
        var rows = ResultRow.ReadAll(args.Text("--results"));
        var server = args.Text("--server", "a STUN server");
        args.RejectUnknown();

        Console.WriteLine();
        Console.WriteLine("TelnyxNet bench, " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC; " + Environment.ProcessorCount + " cores; "
            + RuntimeInformation.OSDescription + "; " + RuntimeInformation.FrameworkDescription + "; " + server + " on loopback" + LoadAverage() + ".");
        Console.WriteLine();
        var width = Timings.Concat(Failures).Concat(Memory).Max(t => t.Label.Length) + 2;
        Console.WriteLine("Timings (ms)".PadRight(width) + Cell("n") + Cell("median") + Cell("p90") + Cell("min"));
        foreach (var (key, label) in Timings.Where(t => rows.ContainsKey(t.Key)))
        {
            var s = rows[key].Sample;
            Console.WriteLine(label.PadRight(width) + Cell(s.Count.ToString(CultureInfo.InvariantCulture)) + Cell(Ms(s.MedianMs)) + Cell(Ms(s.P90Ms)) + Cell(Ms(s.MinMs)));
        }

        Console.WriteLine();
        var ratioWidth = Ratios.Max(r => r.Label.Length) + 2;
        Console.WriteLine("Ratios (lower is faster)".PadRight(ratioWidth) + Cell("median") + Cell("p90") + Cell("min"));
        foreach (var (numerator, denominator, label) in Ratios.Where(r => rows.ContainsKey(r.Numerator) && rows.ContainsKey(r.Denominator)))
        {
            var n = rows[numerator].Sample;
            var d = rows[denominator].Sample;
            Console.WriteLine(label.PadRight(ratioWidth) + Cell(Ratio(n.MedianMs, d.MedianMs)) + Cell(Ratio(n.P90Ms, d.P90Ms)) + Cell(Ratio(n.MinMs, d.MinMs)));
        }

        Console.WriteLine();
        Console.WriteLine("Peak memory and junk (KiB unless said)".PadRight(width) + Cell("n") + Cell("median") + Cell("p90") + Cell("min"));
        foreach (var (key, label) in Memory.Where(t => rows.ContainsKey(t.Key)))
        {
            var s = rows[key].Sample;
            Console.WriteLine(label.PadRight(width) + Cell(s.Count.ToString(CultureInfo.InvariantCulture)) + Cell(Ms(s.MedianMs)) + Cell(Ms(s.P90Ms)) + Cell(Ms(s.MinMs)));
        }

        Console.WriteLine();
        Console.WriteLine("Time to verdict when there is no answer (facts, not ratios)");
        foreach (var (key, label) in Failures.Where(f => rows.ContainsKey(f.Key)))
        {
            var row = rows[key];
            Console.WriteLine("  " + label + ": " + Ms(row.Sample.MedianMs) + " ms" + (row.Sample.Count > 1 ? " median of " + row.Sample.Count : string.Empty) + "; " + row.Note);
        }

        Console.WriteLine();
        Console.WriteLine("Notes");
        foreach (var key in new[] { "inprocess.roundtrip", "scenario.telnyxnet", "scenario.turnutils", "scenario.telnyxnet.startup", "fanout.many", "junk.streamed", "junk.heap_growth", "lab.engine_error" }.Where(rows.ContainsKey))
        {
            Console.WriteLine("  " + key + ": " + rows[key].Note);
        }

        return 0;
    }

    /// <summary>"; load average …" from /proc/loadavg where there is one: the figures only mean something on a quiet machine.</summary>
    private static string LoadAverage()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? "; load average " + string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) + " (1/5/15 min)" : string.Empty;
    }

    private static string Cell(string text) => text.PadLeft(10);

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString(ms < 1 ? "0.000" : ms < 100 ? "0.00" : "0", CultureInfo.InvariantCulture);

    private static string Ratio(double numerator, double denominator) =>
        double.IsNaN(numerator) || double.IsNaN(denominator) || denominator <= 0 ? "-" : (numerator / denominator).ToString(numerator / denominator < 0.1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
