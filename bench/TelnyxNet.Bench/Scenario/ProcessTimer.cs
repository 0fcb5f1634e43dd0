using System.Diagnostics;
using TelnyxNet.Bench.Measurement;

namespace TelnyxNet.Bench.Scenario;

/// <summary>Runs a command to its exit, or kills its whole process tree at a bound, and times it.</summary>
internal static class ProcessTimer
{
    /// <summary>Starts <paramref name="command"/> with output redirected and waits at most <paramref name="bound"/>.</summary>
    public static async Task<ProcessRun> RunAsync(BenchCommandLine command, TimeSpan bound)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        using var limit = new CancellationTokenSource(bound);
        var start = Stopwatch.GetTimestamp();
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        var elapsed = Sample.Milliseconds(start, Stopwatch.GetTimestamp());
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        return new ProcessRun(elapsed, killed ? null : process.ExitCode, killed, output);
    }
}
