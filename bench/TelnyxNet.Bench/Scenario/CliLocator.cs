namespace TelnyxNet.Bench.Scenario;

/// <summary>
/// Finds the built <c>telnyxnet</c> CLI: the native program (<c>dotnet publish src/TelnyxNet.Cli -c Release</c>,
/// out/cli) if present, else the Release apphost, else its dll through <c>dotnet</c>.
/// </summary>
internal static class CliLocator
{
    private const string NativeFolder = "out/cli";
    private const string ReleaseFolder = "src/TelnyxNet.Cli/bin/Release/net10.0";

    /// <summary><paramref name="path"/> when given (a .dll runs through <c>dotnet</c>); otherwise the repository's Release build.</summary>
    public static BenchCommandLine Locate(string? path)
    {
        var program = OperatingSystem.IsWindows() ? "telnyxnet.exe" : "telnyxnet";
        if (path == null)
        {
            var native = Path.Combine(RepositoryPaths.Root(), NativeFolder, program);
            var folder = Path.Combine(RepositoryPaths.Root(), ReleaseFolder);
            var apphost = Path.Combine(folder, program);
            path = File.Exists(native) ? native : File.Exists(apphost) ? apphost : Path.Combine(folder, "telnyxnet.dll");
        }

        if (!File.Exists(path))
        {
            throw new UsageException("the telnyxnet CLI is not built at " + path + "; run 'dotnet publish src/TelnyxNet.Cli -c Release' or pass --cli.");
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new BenchCommandLine("dotnet", new[] { path }, "dotnet " + path)
            : new BenchCommandLine(path, Array.Empty<string>(), (path.Contains(NativeFolder, StringComparison.Ordinal) ? "native " : "apphost ") + path);
    }
}
