using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>
/// Names of labs: <c>tnl&lt;pid&gt;-&lt;start time&gt;-&lt;n&gt;</c>, the owning process's
/// <see cref="ProcessIdentity"/> and a counter, so that labs of one process, of parallel processes
/// and of dead ones never collide and <c>netlab.sh sweep</c> can tell which labs have lost their owner.
/// </summary>
internal static class LabNames
{
    private static readonly string Owner = "tnl" + ProcessIdentity.Current.Id.ToString(CultureInfo.InvariantCulture) + "-" + ProcessIdentity.Current.StartTime.ToString(CultureInfo.InvariantCulture);
    private static int _counter;

    /// <summary>A prefix no other lab has.</summary>
    public static string NewPrefix() => Owner + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
}
