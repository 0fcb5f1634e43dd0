namespace TelnyxNet.Bench.Scenario;

/// <summary>Finds the built <c>telnyxnet</c> CLI: the Release apphost if present, else its dll through <c>dotnet</c>.</summary>
internal static class CliLocator
{
    private const string ReleaseFolder = "src/TelnyxNet.Cli/bin/Release/net10.0";

    /// <summary><paramref name="path"/> when given (a .dll runs through <c>dotnet</c>); otherwise the repository's Release build.</summary>
    public static BenchCommandLine Locate(string? path)
    {
        if (path == null)
        {
            var folder = Path.Combine(RepositoryPaths.Root(), ReleaseFolder);
            var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "telnyxnet.exe" : "telnyxnet");
            path = File.Exists(apphost) ? apphost : Path.Combine(folder, "telnyxnet.dll");
        }

        if (!File.Exists(path))
        {
            throw new UsageException("the telnyxnet CLI is not built at " + path + "; run 'dotnet build src/TelnyxNet.Cli -c Release' or pass --cli.");
        }

        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new BenchCommandLine("dotnet", new[] { path }, "dotnet " + path)
            : new BenchCommandLine(path, Array.Empty<string>(), "apphost " + path);
    }
}
