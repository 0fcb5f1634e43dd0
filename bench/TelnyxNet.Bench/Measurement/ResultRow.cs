using System.Globalization;

namespace TelnyxNet.Bench.Measurement;

/// <summary>
/// One measured figure, as one tab-separated line of the results file the subcommands append to
/// and <c>summary</c> reads: key, count, median, p90, min (ms), note.
/// </summary>
internal sealed record ResultRow(string Key, Sample Sample, string Note)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Appends the rows to <paramref name="path"/> (creates it), and echoes them to the console.</summary>
    public static void Append(string? path, IEnumerable<ResultRow> rows)
    {
        var lines = rows.Select(r => r.ToLine()).ToList();
        foreach (var line in lines)
        {
            Console.WriteLine("result\t" + line);
        }

        if (path != null)
        {
            File.AppendAllLines(path, lines);
        }
    }

    /// <summary>Reads every row of <paramref name="path"/>, keyed by <see cref="Key"/> (a later row wins).</summary>
    public static IReadOnlyDictionary<string, ResultRow> ReadAll(string path)
    {
        var rows = new Dictionary<string, ResultRow>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            var f = line.Split('\t');
            if (f.Length != 6)
            {
                throw new FormatException("Not a results line (6 tab-separated fields expected): " + line);
            }

            var sample = new Sample(int.Parse(f[1], Invariant), Parse(f[2]), Parse(f[3]), Parse(f[4]));
            rows[f[0]] = new ResultRow(f[0], sample, f[5]);
        }

        return rows;
    }

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, Invariant);

    private string ToLine() => string.Join('\t', Key, Sample.Count.ToString(Invariant), Format(Sample.MedianMs), Format(Sample.P90Ms), Format(Sample.MinMs), Note.Replace('\t', ' ').Replace('\n', ' '));

    private static string Format(double ms) => ms.ToString("0.######", Invariant);
}
