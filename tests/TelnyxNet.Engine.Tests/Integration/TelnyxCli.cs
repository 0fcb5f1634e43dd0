
namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// Runs <c>telnyxnet</c> as a separate process: the native (NativeAOT) program, as shipped. The
/// path is <c>TELNYXNET_CLI</c> when set (build.ps1's Test task publishes the program before the
/// tests and sets it); otherwise the program is published once per test run
/// (<c>dotnet publish src/TelnyxNet.Cli -c Release</c>, into out/cli).
/// </summary>
internal static class TelnyxCli
{
    /// <summary>The variable that names an already built telnyxnet.</summary>
    public const string PathVariable = "TELNYXNET_CLI";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> Native = new(LocateAsync);

    /// <summary>MSBuild's variables that the test host inherits from the build that started it; a nested publish must not see them.</summary>
    private static readonly string[] BuildVariables = { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE" };

    /// <summary>The native program, published on first use.</summary>
    public static Task<string> PathAsync() => Native.Value;

    /// <summary>Runs the CLI with <paramref name="arguments"/>, failing the test when it does not exit within 30 s.</summary>
    public static async Task<CliRun> RunAsync(params string[] arguments) =>
        await BoundedProcess.RunAsync(await PathAsync(), arguments, Limit);

    /// <summary>Runs the CLI with <paramref name="arguments"/> and <paramref name="environment"/> (a null value removes an inherited variable).</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        await BoundedProcess.RunAsync(await PathAsync(), arguments, Limit, environment);

    private static async Task<string> LocateAsync()
    {
        var given = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(given))
        {
            Assert.True(File.Exists(given), PathVariable + " names " + given + ", which does not exist.");
            return given;
        }

        var root = RepositoryRoot();
        var environment = BuildVariables.ToDictionary(v => v, _ => (string?)null);
        var publish = await BoundedProcess.RunAsync(BoundedProcess.DotnetHost(), new[] { "publish", Path.Combine(root, "src", "TelnyxNet.Cli"), "-c", "Release", "--nologo", "-v", "quiet" }, PublishLimit, environment);
        Assert.True(publish.ExitCode == 0, "Publishing the native telnyxnet failed: " + publish);
        var program = Path.Combine(root, "out", "cli", OperatingSystem.IsWindows() ? "telnyxnet.exe" : "telnyxnet");
        Assert.True(File.Exists(program), "dotnet publish did not write " + program);
        return program;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TelnyxNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No TelnyxNet.sln above " + AppContext.BaseDirectory + ".");
    }
}
