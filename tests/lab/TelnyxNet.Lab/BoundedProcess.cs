using System.Diagnostics;
using System.Text;

namespace TelnyxNet.Lab;

/// <summary>Runs a program to its end, bounded in time and killed (with its children) when it overruns.</summary>
public static class BoundedProcess
{
    private static readonly string[] SystemDirectories = { "/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin" };

    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>; throws <see cref="TimeoutException"/> (after killing it) when it does not exit within <paramref name="limit"/>.
    /// <paramref name="environment"/> sets variables for the child (a null value removes one it would inherit).
    /// </summary>
    public static async Task<CliRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(start.FileName + " " + string.Join(" ", start.ArgumentList) + " did not exit within " + limit.TotalSeconds + " s.");
            }

            return new CliRun(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, and throws with the process's output when the exit code is not 0.</summary>
    public static async Task<CliRun> CheckedAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit)
    {
        var list = arguments.ToList();
        var run = await RunAsync(fileName, list, limit).ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(fileName + " " + string.Join(" ", list) + " failed with " + run);
        }

        return run;
    }

    /// <summary>The full path of <paramref name="tool"/> (PATH, then the usual system directories, since iptables lives in /usr/sbin), or null.</summary>
    public static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The dotnet host that runs these tests (DOTNET_HOST_PATH under dotnet test), else dotnet from PATH.</summary>
    public static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : Find("dotnet") ?? "dotnet";
    }
}
