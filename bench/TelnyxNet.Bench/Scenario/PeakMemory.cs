using System.Globalization;

namespace TelnyxNet.Bench.Scenario;

/// <summary>
/// A command's peak resident memory (maximum RSS, KiB), as the kernel reports it to GNU time
/// (<c>/usr/bin/time -f %M</c>): measured in separate runs, so the timings carry no such wrapper.
/// </summary>
internal static class PeakMemory
{
    private const string Time = "/usr/bin/time";

    /// <summary>True where GNU time is installed.</summary>
    public static bool Available => File.Exists(Time);

    /// <summary>The peak RSS of each of <paramref name="runs"/> runs of <paramref name="command"/>, in KiB.</summary>
    public static async Task<IReadOnlyList<double>> MeasureAsync(BenchCommandLine command, int runs, TimeSpan bound)
    {
        var kib = new List<double>();
        var file = Path.GetTempFileName();
        try
        {
            for (var i = 0; i < runs; i++)
            {
                var wrapped = new BenchCommandLine(Time, new[] { "-f", "%M", "-o", file, command.FileName }.Concat(command.Arguments).ToArray(), command.Description);
                await ProcessTimer.RunAsync(wrapped, bound).ConfigureAwait(false);
                var last = File.ReadAllLines(file).LastOrDefault(l => l.Trim().Length > 0);
                if (last != null && double.TryParse(last.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    kib.Add(value);
                }
            }
        }
        finally
        {
            File.Delete(file);
        }

        return kib;
    }
}
