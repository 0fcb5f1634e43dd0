using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

[Collection(BuiltModuleCollection.Name)]
public sealed class ManifestTests
{
    private static readonly string[] RequiredTags = { "PSEdition_Desktop", "PSEdition_Core", "Windows", "Linux", "MacOS" };
    private readonly ModuleAssemblies _module;
    private readonly IReadOnlyDictionary<string, object?> _manifest = PowerShellDataFile.Load(BuiltModule.ManifestPath);

    public ManifestTests(ModuleAssemblies module) => _module = module;

    [Fact]
    public void The_module_folder_carries_the_repository_manifest_unchanged() =>
        Assert.Equal(File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, BuiltModule.Name + ".psd1")), File.ReadAllText(BuiltModule.ManifestPath));

    [Fact]
    public void The_root_module_is_the_cmdlet_assembly() => Assert.Equal("TelnyxNet.dll", String("RootModule"));

    [Fact]
    public void ModuleVersion_is_the_version_of_both_assemblies()
    {
        var version = Normalize(Version.Parse(String("ModuleVersion")));
        Assert.Equal(version, Normalize(_module.Module.GetName().Version!));
        Assert.Equal(version, Normalize(_module.Engine.GetName().Version!));
    }

    [Fact]
    public void The_build_takes_the_version_from_the_manifest()
    {
        var props = File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "Directory.Build.props"));
        Assert.Matches(@"<Version>[^<]*TelnyxNet\.psd1[^<]*ModuleVersion[^<]*</Version>", props);
        Assert.DoesNotMatch(@"<(Assembly|File)?Version>\s*\d", props);
    }

    [Fact]
    public void The_module_runs_on_Desktop_and_Core() =>
        Assert.Equal(new[] { "Core", "Desktop" }, Strings("CompatiblePSEditions").Order(StringComparer.Ordinal));

    [Fact]
    public void The_module_needs_PowerShell_5_1_and_NET_Framework_4_7_2()
    {
        Assert.Equal("5.1", String("PowerShellVersion"));
        Assert.Equal("4.7.2", String("DotNetFrameworkVersion"));
    }

    [Fact]
    public void The_manifest_has_a_GUID_an_author_and_a_description()
    {
        Assert.True(Guid.TryParse(String("GUID"), out _));
        Assert.NotEmpty(String("Author"));
        Assert.NotEmpty(String("Description"));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Nothing_but_cmdlets_is_exported(string key)
    {
        Assert.True(_manifest.ContainsKey(key), key + " must be present (an absent key exports everything)");
        Assert.Empty(Strings(key));
    }

    [Fact]
    public void CmdletsToExport_is_explicit()
    {
        var exported = Strings("CmdletsToExport");
        Assert.NotEmpty(exported);
        Assert.DoesNotContain(exported, name => name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal));
        Assert.Equal(exported.Count, exported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void CmdletsToExport_is_exactly_the_cmdlet_classes_of_the_module()
    {
        var exported = Strings("CmdletsToExport").ToHashSet(StringComparer.Ordinal);
        var classes = _module.Cmdlets.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Problems.None(classes.Except(exported).Select(n => n + " is a [Cmdlet] class but not in CmdletsToExport"));
        Problems.None(exported.Except(classes).Select(n => n + " is in CmdletsToExport but no [Cmdlet] class defines it"));
    }

    [Fact]
    public void The_format_file_is_processed() => Assert.Contains("TelnyxNet.Format.ps1xml", Strings("FormatsToProcess"));

    [Fact]
    public void Every_file_the_manifest_names_is_in_the_module_folder()
    {
        var named = new[] { String("RootModule") }.Concat(Strings("FormatsToProcess")).Concat(Strings("RequiredAssemblies"));
        Problems.None(named.Where(f => !File.Exists(BuiltModule.PathOf(f))).Select(f => f + " is not in " + BuiltModule.Directory));
        Assert.Contains("TelnyxNet.Engine.dll", Strings("RequiredAssemblies"));
    }

    /// <summary>The engine's DNS client needs Makaretu.Dns loaded before the engine (RequiredAssemblies load in order).</summary>
    [Fact]
    public void The_manifest_loads_Makaretu_Dns_before_the_engine() =>
        Assert.Equal(new[] { "Makaretu.Dns.dll", "TelnyxNet.Engine.dll" }, Strings("RequiredAssemblies"));

    [Fact]
    public void The_gallery_tags_name_both_editions_and_all_three_platforms()
    {
        var tags = Strings("Tags", PSData());
        Problems.None(RequiredTags.Where(t => !tags.Contains(t, StringComparer.Ordinal)).Select(t => "missing tag " + t));
        Assert.DoesNotContain(tags, t => t.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void The_gallery_data_has_a_project_address_and_release_notes()
    {
        var data = PSData();
        Assert.True(Uri.TryCreate(data.GetValueOrDefault("ProjectUri") as string, UriKind.Absolute, out var project) && project.Scheme == Uri.UriSchemeHttps);
        Assert.False(string.IsNullOrWhiteSpace(data.GetValueOrDefault("ReleaseNotes") as string));
    }

    /// <summary>The manifest says only what exists: each protocol it names has the cmdlet that speaks it.</summary>
    [Theory]
    [InlineData("STUN", "Test-TelnyxStun")]
    [InlineData("TURN", "Test-TelnyxTurn")]
    [InlineData("WebSocket", "Test-TelnyxSignaling")]
    [InlineData("SIP exchanges", "Test-TelnyxSip")]
    [InlineData("ICE", "Get-TelnyxIceCandidate")]
    [InlineData("media", "Measure-TelnyxMediaPath")]
    public void The_description_names_a_protocol_only_when_its_cmdlet_exists(string protocol, string cmdlet)
    {
        var named = String("Description").Contains(protocol, StringComparison.Ordinal);
        var exported = Strings("CmdletsToExport").Contains(cmdlet, StringComparer.Ordinal);
        Assert.True(!named || exported, "the description names " + protocol + " but " + cmdlet + " is not exported");
    }

    [Fact]
    public void The_license_the_gallery_data_points_to_is_in_the_repository()
    {
        Assert.EndsWith("/LICENSE", Assert.IsType<string>(PSData().GetValueOrDefault("LicenseUri")), StringComparison.Ordinal);
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "LICENSE")), StringComparison.Ordinal);
    }

    private static Version Normalize(Version v) => new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));

    private IReadOnlyDictionary<string, object?> PSData()
    {
        var data = (_manifest.GetValueOrDefault("PrivateData") as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("PSData");
        return Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(data);
    }

    private string String(string key) => Assert.IsType<string>(_manifest.GetValueOrDefault(key));

    private IReadOnlyList<string> Strings(string key) => Strings(key, _manifest);

    /// <summary>A string or an array of strings, as PowerShell accepts both for list keys.</summary>
    private static IReadOnlyList<string> Strings(string key, IReadOnlyDictionary<string, object?> table) => table.GetValueOrDefault(key) switch
    {
        string one => new[] { one },
        IReadOnlyList<object?> many => many.Select(v => Assert.IsType<string>(v)).ToList(),
        var other => throw new Xunit.Sdk.XunitException(key + " is missing or not a string list: " + other),
    };
}
