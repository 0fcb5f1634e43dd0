
namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// Runs the built <c>telnyxnet</c> CLI as a separate process (<c>dotnet telnyxnet.dll …</c>; the
/// test project references the CLI project, so the dll sits next to the test assembly).
/// </summary>
internal static class TelnyxCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The built CLI next to the tests.</summary>
    public static string Dll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "telnyxnet.dll");
            Assert.True(File.Exists(dll), "The CLI is not next to the tests: " + dll);
            return dll;
        }
    }

    /// <summary>Runs the CLI with <paramref name="arguments"/>, failing the test when it does not exit within 30 s.</summary>
    public static Task<CliRun> RunAsync(params string[] arguments) =>
        BoundedProcess.RunAsync(BoundedProcess.DotnetHost(), arguments.Prepend(Dll), Limit);

    /// <summary>Runs the CLI with <paramref name="arguments"/> and <paramref name="environment"/> (a null value removes an inherited variable).</summary>
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        BoundedProcess.RunAsync(BoundedProcess.DotnetHost(), arguments.Prepend(Dll), Limit, environment);
}
