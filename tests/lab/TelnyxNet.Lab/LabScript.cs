namespace TelnyxNet.Lab;

/// <summary>tests/lab/netlab.sh, the lab's topology in shell (up, reset, down, sweep), copied beside this assembly.</summary>
internal static class LabScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static string Path => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(LabScript).Assembly.Location)!, "netlab.sh");

    /// <summary>Runs <c>netlab.sh <paramref name="arguments"/></c>; throws with its output when it fails.</summary>
    public static Task<CliRun> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException("The network lab's script is missing: " + Path);
        }

        return BoundedProcess.CheckedAsync("bash", arguments.Prepend(Path), Limit);
    }
}
