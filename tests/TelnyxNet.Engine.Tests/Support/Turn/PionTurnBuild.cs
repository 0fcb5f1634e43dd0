namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// Builds tests/servers/pion-turn (our TURN server on github.com/pion/turn/v2) once per test run
/// with Debian's Go and pion packages, in GOPATH mode, into a temporary directory (Go's build
/// cache there is deleted right after the build; the binary when the test process exits).
/// </summary>
internal static class PionTurnBuild
{
    /// <summary>Where Debian's golang-github-pion-turn.v2-dev puts the library.</summary>
    public const string LibraryDirectory = "/usr/share/gocode/src/github.com/pion/turn/v2";

    private const string Install = "apt-get install golang-go golang-github-pion-turn.v2-dev";
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(3);
    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    /// <summary>The built server's path; the first call builds it.</summary>
    public static Task<string> BinaryAsync() => Binary.Value;

    private static async Task<string> BuildAsync()
    {
        var go = BoundedProcess.Find("go") ?? throw new InvalidOperationException(
            "Go is not installed (looked in PATH and the system directories). The pion TURN interoperability tests build their server with it: " + Install);
        if (!Directory.Exists(LibraryDirectory))
        {
            throw new InvalidOperationException("The pion TURN library is missing (" + LibraryDirectory + " does not exist). The pion interoperability tests build against it: " + Install);
        }

        var source = FindSource();
        var directory = ServerLedger.CreateOwnedDirectory("pion");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(directory);
        var output = Path.Combine(directory, "pion-turn");
        var cache = Path.Combine(directory, "cache");
        try
        {
            await BoundedProcess.CheckedAsync(
                "/usr/bin/env",
                new[]
                {
                    "GO111MODULE=off",
                    "GOPATH=" + Path.Combine(directory, "gopath") + ":/usr/share/gocode",
                    "GOCACHE=" + cache,
                    "GOFLAGS=",
                    go, "build", "-o", output, source,
                },
                BuildLimit).ConfigureAwait(false);
        }
        finally
        {
            // Only the binary stays for the rest of the run, so that deleting at exit is quick.
            DeleteQuietly(cache);
        }

        return output;
    }

    /// <summary>tests/servers/pion-turn/main.go, found by walking up from the test assembly's folder to the repository.</summary>
    private static string FindSource()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "servers", "pion-turn", "main.go");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/servers/pion-turn/main.go not found above " + AppContext.BaseDirectory);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the directory is under the system temporary folder.
        }
    }
}
