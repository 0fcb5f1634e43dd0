using System.Reflection;

namespace TelnyxNet.Module.Tests;

/// <summary>Where the built module and its inputs are: out/TelnyxNet, the docs, the manifest, the Pester tests, build.ps1.</summary>
internal static class BuiltModule
{
    public const string Name = "TelnyxNet";

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Directory { get; } = Path.Combine(RepoRoot, "out", Name);

    public static string ManifestPath { get; } = PathOf(Name + ".psd1");

    public static string DocsDirectory { get; } = Path.Combine(RepoRoot, "docs", "en-US");

    public static string PesterDirectory { get; } = Path.Combine(RepoRoot, "tests", "Pester");

    public static string BuildScriptPath { get; } = Path.Combine(RepoRoot, "build.ps1");

    public static string SystemManagementAutomationPath { get; } = Metadata("SystemManagementAutomationPath");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Metadata(string key) =>
        typeof(BuiltModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("Missing assembly metadata " + key);
}
