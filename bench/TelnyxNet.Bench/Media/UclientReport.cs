using System.Globalization;
using System.Text.RegularExpressions;

namespace TelnyxNet.Bench.Media;

/// <summary>
/// What turnutils_uclient prints at its end (coturn 4.6): "Total lost packets N (P%)", "Average
/// round trip delay X ms; min = A ms, max = B ms" and "Average jitter J ms; min = …": its loss in
/// percent, its average RTT and its own jitter figure, each in the whole milliseconds it times with.
/// </summary>
internal sealed partial record UclientReport(double LossPercent, double RoundTripTimeMs, double JitterMs, int Sent)
{
    /// <summary>The figures of <paramref name="output"/>; null when it printed none (it failed).</summary>
    public static UclientReport? Parse(string output)
    {
        var loss = LossPattern().Match(output);
        var rtt = RttPattern().Match(output);
        var jitter = JitterPattern().Match(output);
        var sent = SentPattern().Matches(output).LastOrDefault();
        return loss.Success && rtt.Success && jitter.Success
            ? new UclientReport(Number(loss.Groups[1].Value), Number(rtt.Groups[1].Value), Number(jitter.Groups[1].Value), sent is null ? 0 : int.Parse(sent.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Total lost packets \d+ \(([0-9.]+)%\)")]
    private static partial Regex LossPattern();

    [GeneratedRegex(@"Average round trip delay ([0-9.]+) ms")]
    private static partial Regex RttPattern();

    [GeneratedRegex(@"Average jitter ([0-9.]+) ms")]
    private static partial Regex JitterPattern();

    [GeneratedRegex(@"tot_send_msgs=(\d+), tot_recv_msgs")]
    private static partial Regex SentPattern();
}
