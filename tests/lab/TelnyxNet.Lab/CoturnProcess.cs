namespace TelnyxNet.Lab;

/// <summary>
/// A running coturn (or the command that runs it, e.g. <c>ip netns exec … turnserver</c>): a
/// <see cref="ServerProcess"/> under the name the loopback fixtures know it by.
/// </summary>
public sealed class CoturnProcess
{
    private readonly ServerProcess _process;

    private CoturnProcess(ServerProcess process) => _process = process;

    /// <summary>What coturn printed so far.</summary>
    public string Log => _process.Log;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, standard input closed and both outputs captured.</summary>
    public static CoturnProcess Start(string fileName, IEnumerable<string> arguments) => new(ServerProcess.Start(fileName, arguments));

    /// <summary>See <see cref="ServerProcess.WaitUntilReadyAsync"/>.</summary>
    public Task<string?> WaitUntilReadyAsync(IEnumerable<(string What, Func<Task> Check)> checks, TimeSpan limit) => _process.WaitUntilReadyAsync(checks, limit);

    /// <summary>See <see cref="ServerProcess.StopAsync"/>.</summary>
    public Task StopAsync(TimeSpan limit) => _process.StopAsync(limit);
}
