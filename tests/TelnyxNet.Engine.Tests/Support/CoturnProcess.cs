using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// A running coturn (or the command that runs it, e.g. <c>ip netns exec … turnserver</c>): its
/// log captured line by line, a bounded wait until it is ready, and a stop that sends SIGTERM,
/// then kills after a bound.
/// </summary>
internal sealed class CoturnProcess
{
    private readonly object _logGate = new();
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private CoturnProcess(Process process) => _process = process;

    /// <summary>What coturn printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_logGate)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, standard input closed and both outputs captured.</summary>
    public static CoturnProcess Start(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var coturn = new CoturnProcess(new Process { StartInfo = start });
        coturn._process.OutputDataReceived += (_, e) => coturn.Append(e.Data);
        coturn._process.ErrorDataReceived += (_, e) => coturn.Append(e.Data);
        coturn._process.Start();
        coturn._process.StandardInput.Close();
        coturn._process.BeginOutputReadLine();
        coturn._process.BeginErrorReadLine();
        return coturn;
    }

    /// <summary>
    /// Runs each check in turn, retrying every 50 ms, until all pass: null then, else why not
    /// (coturn exited, or <paramref name="limit"/> ran out, with the last error).
    /// </summary>
    public async Task<string?> WaitUntilReadyAsync(IEnumerable<(string What, Func<Task> Check)> checks, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        foreach (var (what, check) in checks)
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    return "turnserver exited with code " + _process.ExitCode + " before " + what + " worked.";
                }

                string error;
                try
                {
                    await check().ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidDataException)
                {
                    error = ex.GetType().Name + ": " + ex.Message;
                }

                if (watch.Elapsed > limit)
                {
                    return "no " + what + " within " + limit.TotalSeconds + " s (last error: " + error + ").";
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>SIGTERM, then a kill of the process tree when it has not exited within <paramref name="limit"/>; reaps it either way.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        using (_process)
        {
            if (_process.HasExited)
            {
                return;
            }

            await BoundedProcess.RunAsync("kill", new[] { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, limit).ConfigureAwait(false);
            using var wait = new CancellationTokenSource(limit);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.AppendLine(line);
        }
    }
}
