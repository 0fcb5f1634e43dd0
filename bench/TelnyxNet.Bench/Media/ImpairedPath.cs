using System.Globalization;

namespace TelnyxNet.Bench.Media;

/// <summary>One path of the media bench: the relay's added delay and jitter (ms) and loss (%), written "delay/jitter/loss".</summary>
internal sealed record ImpairedPath(int DelayMs, int JitterMs, double LossPercent)
{
    /// <summary>The paths of <c>--paths</c>: comma-separated "delay/jitter/loss" triples, e.g. "80/10/1,200/40/3".</summary>
    public static IReadOnlyList<ImpairedPath> ParseAll(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();

    /// <summary>The lab scenario for this path with <paramref name="seed"/>.</summary>
    public TelnyxNet.Lab.Scenario Scenario(int seed) =>
        TelnyxNet.Lab.Scenario.Impaired(TimeSpan.FromMilliseconds(DelayMs), TimeSpan.FromMilliseconds(JitterMs), LossPercent / 100, seed);

    /// <summary>"200/40/3", for keys and tables.</summary>
    public override string ToString() => DelayMs.ToString(CultureInfo.InvariantCulture) + "/" + JitterMs.ToString(CultureInfo.InvariantCulture) + "/" + LossPercent.ToString("0.##", CultureInfo.InvariantCulture);

    private static ImpairedPath Parse(string triple)
    {
        var parts = triple.Split('/');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var delay) && delay is >= 0 and <= 10_000
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var jitter) && jitter >= 0 && jitter <= delay
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var loss) && loss is >= 0 and <= 100)
        {
            return new ImpairedPath(delay, jitter, loss);
        }

        throw new UsageException("--paths wants 'delay/jitter/loss' triples (ms/ms/%, jitter at most the delay), got '" + triple + "'.");
    }
}
