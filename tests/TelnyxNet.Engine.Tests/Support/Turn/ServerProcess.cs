using System.Text;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>What one start attempt runs: the arguments (with the ports it picked), the readiness checks, and the ports for error messages.</summary>
internal sealed record StartAttempt(IEnumerable<string> Arguments, IEnumerable<(string What, Func<Task> Check)> Checks, string Ports);

/// <summary>
/// A test server's process (coturn or pion-turn, run through <see cref="CoturnProcess"/>): started
/// until its readiness checks pass, on new free ports for each of three attempts, and stopped
/// (SIGTERM, then a kill after 3 s) with its log kept.
/// </summary>
internal sealed class ServerProcess
{
    private const int Attempts = 3;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TermLimit = TimeSpan.FromSeconds(3);
    private CoturnProcess? _process;
    private string _lastLog = string.Empty;

    /// <summary>What the process printed so far (the last run's output once stopped).</summary>
    public string Log => _process?.Log ?? _lastLog;

    /// <summary>Runs <paramref name="fileName"/> as <paramref name="attempt"/> says until it is ready; throws with each attempt's failure and the last log after three.</summary>
    public async Task StartAsync(string fileName, Func<StartAttempt> attempt)
    {
        var failures = new StringBuilder();
        for (var number = 1; number <= Attempts; number++)
        {
            var run = attempt();
            _process = CoturnProcess.Start(fileName, run.Arguments);
            var failure = await _process.WaitUntilReadyAsync(run.Checks, ReadyLimit).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            failures.Append("Attempt ").Append(number).Append(" (ports ").Append(run.Ports).Append("): ").AppendLine(failure);
            await StopAsync().ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            Path.GetFileName(fileName) + " did not become ready in " + Attempts + " attempts (new free ports each time)." + Environment.NewLine
            + failures + "Its output in the last attempt:" + Environment.NewLine + Log);
    }

    /// <summary>Stops the process if it runs.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            _lastLog = process.Log;
            await process.StopAsync(TermLimit).ConfigureAwait(false);
        }
    }
}
