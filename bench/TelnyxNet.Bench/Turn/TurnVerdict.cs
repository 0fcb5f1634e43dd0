using System.Globalization;

namespace TelnyxNet.Bench.Turn;

/// <summary>
/// What one <c>telnyxnet turn</c> table row says (columns Server, Transport, Status, RelayedAddress,
/// RelayVerified, AllocateTimeMs, FailureReason): whether it relayed, and the allocation time it printed.
/// </summary>
internal sealed record TurnVerdict(bool RelayVerified, double? AllocateTimeMs)
{
    /// <summary>The verdict of the row for <paramref name="server"/> in <paramref name="output"/>; not verified when there is none.</summary>
    public static TurnVerdict Parse(string output, string server)
    {
        var row = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(server + " ", StringComparison.Ordinal));
        var cells = row?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        if (cells.Length >= 6 && cells[2] == "Succeeded" && cells[4] == "True" && double.TryParse(cells[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var allocate))
        {
            return new TurnVerdict(true, allocate);
        }

        return new TurnVerdict(false, null);
    }
}
