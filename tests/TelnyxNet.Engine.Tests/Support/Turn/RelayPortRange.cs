using System.Globalization;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// A TURN server's relay port range, and which of its ports are bound right now on this machine
/// (read from the kernel's socket tables, /proc/net/udp, udp6, tcp and tcp6, so it sees coturn's
/// relay sockets without asking coturn). Zero bound ports once every allocation is gone means the
/// range is whole again: nothing was left behind to exhaust it (coturn's 508).
/// </summary>
public sealed record RelayPortRange(int Min, int Max)
{
    private static readonly string[] Tables = { "/proc/net/udp", "/proc/net/udp6", "/proc/net/tcp", "/proc/net/tcp6" };

    /// <summary>How many ports the range has.</summary>
    public int Count => Max - Min + 1;

    /// <summary>The ports of the range that some socket is bound to, in order.</summary>
    public IReadOnlyList<int> InUse()
    {
        var ports = new SortedSet<int>();
        foreach (var table in Tables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = columns.Length > 1 ? columns[1] : string.Empty;
                var colon = local.LastIndexOf(':');
                if (colon > 0 && int.TryParse(local.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port) && port >= Min && port <= Max)
                {
                    ports.Add(port);
                }
            }
        }

        return ports.ToArray();
    }

    /// <summary>How many ports of the range are free now.</summary>
    public int Free() => Count - InUse().Count;

    /// <inheritdoc />
    public override string ToString() => Min + "-" + Max;
}
