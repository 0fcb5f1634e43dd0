using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TelnyxNet.Lab;

/// <summary>
/// A long-running server process (coturn, kamailio, …, or the command that runs it, e.g.
/// <c>ip netns exec … turnserver</c>): its output captured line by line, a bounded wait until it
/// is ready, and a stop that sends SIGTERM, then kills after a bound.
/// </summary>
public sealed class ServerProcess
{
    private readonly object _logGate = new();
    private readonly StringBuilder _log = new();
    private readonly Process _process;
    private readonly string _commandLine;
    private string? _ledgerEntry;
    private bool _reaped;

    private ServerProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
    }

    /// <summary>What the process printed so far (standard output and error, in arrival order).</summary>
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

    /// <summary>The process id (with <c>ip netns exec</c>, the server's own: ip execs it).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => Volatile.Read(ref _reaped) || _process.HasExited;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, standard input closed and
    /// both outputs captured, and records it in the <see cref="ServerLedger"/> until it is stopped.
    /// </summary>
    public static ServerProcess Start(string fileName, IEnumerable<string> arguments)
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

        var server = new ServerProcess(new Process { StartInfo = start }, fileName + " " + string.Join(" ", start.ArgumentList));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.Start();
        server._ledgerEntry = ServerLedger.Record(server._process.Id);
        server._process.StandardInput.Close();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Runs each check in turn, retrying every 50 ms, until all pass: null then, else why not
    /// (the process exited, or <paramref name="limit"/> ran out, with the last error). A check
    /// fails by throwing a socket, I/O, timeout or invalid-data exception.
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
                    return _commandLine + " exited with code " + _process.ExitCode + " before " + what + " worked.";
                }

                string error;
                try
                {
                    await check().ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidDataException or TimeoutException)
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
        if (Volatile.Read(ref _reaped))
        {
            return;
        }

        using (_process)
        {
            if (_process.HasExited)
            {
                Reaped();
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

            Reaped();
        }
    }

    private void Reaped()
    {
        Volatile.Write(ref _reaped, true);
        ServerLedger.Forget(Interlocked.Exchange(ref _ledgerEntry, null));
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
