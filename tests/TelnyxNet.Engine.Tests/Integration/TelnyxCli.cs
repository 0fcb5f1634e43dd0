using System.Diagnostics;
using System.Text;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() =>
        "exit code " + ExitCode + Environment.NewLine + "--- stdout ---" + Environment.NewLine + StandardOutput + "--- stderr ---" + Environment.NewLine + StandardError;
}

/// <summary>
/// Runs the built <c>telnyxnet</c> CLI as a separate process (<c>dotnet telnyxnet.dll …</c>; the
/// test project references the CLI project, so the dll sits next to the test assembly).
/// </summary>
internal static class TelnyxCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Runs the CLI with <paramref name="arguments"/>, failing the test when it does not exit within 30 s.</summary>
    public static async Task<CliRun> RunAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "telnyxnet.dll");
        Assert.True(File.Exists(dll), "The CLI is not next to the tests: " + dll);
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("telnyxnet " + string.Join(" ", arguments) + " did not exit within " + Limit.TotalSeconds + " s.");
            }

            return new CliRun(process.ExitCode, await output, await error);
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

    /// <summary>The dotnet host that runs these tests (DOTNET_HOST_PATH under dotnet test), else dotnet from PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
