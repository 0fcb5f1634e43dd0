using System.Globalization;

namespace TelnyxNet.Bench.Scenario;

/// <summary>
/// What one <c>telnyxnet stun</c> table row says: Status, and RoundTripTimeMs when it succeeded
/// or FailureReason when it failed (columns Server, Transport, Status, MappedAddress, RoundTripTimeMs, FailureReason).
/// </summary>
internal sealed record CliVerdict(string Status, double? RoundTripTimeMs, string FailureReason)
{
    /// <summary>The verdict of the row for <paramref name="server"/> in <paramref name="output"/>; "unparsed" when there is none.</summary>
    public static CliVerdict Parse(string output, string server)
    {
        var row = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(server + " ", StringComparison.Ordinal));
        var cells = row?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        if (cells.Length >= 5 && cells[2] == "Succeeded" && double.TryParse(cells[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var rtt))
        {
            return new CliVerdict(cells[2], rtt, string.Empty);
        }

        return cells.Length >= 4 ? new CliVerdict(cells[2], null, cells[^1]) : new CliVerdict("unparsed", null, string.Empty);
    }
}
