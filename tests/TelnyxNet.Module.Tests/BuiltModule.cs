using System.Reflection;

namespace TelnyxNet.Module.Tests;

/// <summary>Where the built module and its inputs are: out/TelnyxNet, the docs, the manifest.</summary>
internal static class BuiltModule
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Directory { get; } = Path.Combine(RepoRoot, "out", "TelnyxNet");

    public static string SystemManagementAutomationPath { get; } = Metadata("SystemManagementAutomationPath");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Metadata(string key) =>
        typeof(BuiltModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("Missing assembly metadata " + key);
}
