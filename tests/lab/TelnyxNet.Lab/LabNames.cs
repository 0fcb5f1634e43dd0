using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>
/// Names of labs: <c>tnl&lt;pid&gt;-&lt;start time&gt;-&lt;n&gt;</c>, the owning process's id and start
/// time (field 22 of /proc/&lt;pid&gt;/stat, which a reused pid does not share) and a counter, so
/// that labs of one process, of parallel processes and of dead ones never collide and
/// <c>netlab.sh sweep</c> can tell which labs have lost their owner.
/// </summary>
internal static class LabNames
{
    private static readonly string Owner = "tnl" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + StartTime();
    private static int _counter;

    /// <summary>A prefix no other lab has.</summary>
    public static string NewPrefix() => Owner + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);

    /// <summary>This process's start time in clock ticks after boot.</summary>
    private static string StartTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[19];
    }
}
