using System.Diagnostics;
using System.Text;
using TelnyxNet.Bench.Measurement;

namespace TelnyxNet.Bench.Scenario;

/// <summary>Runs a command to its exit, or kills its whole process tree at a bound, and times it.</summary>
internal static class ProcessTimer
{
    /// <summary>
    /// Starts <paramref name="command"/> with output redirected and waits at most <paramref name="bound"/>.
    /// With <paramref name="doneWhen"/>, the run also ends (timed, then killed) at the first line of
    /// standard output it accepts: for a peer that prints its answer and then waits on.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(BenchCommandLine command, TimeSpan bound, Func<string, bool>? doneWhen = null)
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
        var output = new StringBuilder();
        var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (doneWhen?.Invoke(e.Data) == true)
            {
                answered.TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        var start = Stopwatch.GetTimestamp();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync(limit.Token);
        var first = await Task.WhenAny(exited, answered.Task).ConfigureAwait(false);
        var stoppedOnAnswer = first == answered.Task;
        var end = stoppedOnAnswer ? answered.Task.Result : Stopwatch.GetTimestamp();
        var killed = exited.IsCanceled && !stoppedOnAnswer;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        lock (output)
        {
            return new ProcessRun(Sample.Milliseconds(start, end), killed || stoppedOnAnswer ? null : process.ExitCode, killed, output + error);
        }
    }
}
