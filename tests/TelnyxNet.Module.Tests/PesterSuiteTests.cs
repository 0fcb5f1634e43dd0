using System.Text.RegularExpressions;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>tests/Pester: a module test file and one per cmdlet, in Pester 5 syntax that Windows PowerShell 5.1 also runs.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class PesterSuiteTests
{
    private const string ModuleTests = "TelnyxNet.Module.Tests.ps1";
    private readonly ModuleAssemblies _module;

    public PesterSuiteTests(ModuleAssemblies module) => _module = module;

    private static IEnumerable<string> TestFiles => Directory.GetFiles(BuiltModule.PesterDirectory, "*.ps1", SearchOption.AllDirectories);

    [Fact]
    public void The_module_has_a_Pester_test_file() => Assert.True(File.Exists(Path.Combine(BuiltModule.PesterDirectory, ModuleTests)));

    [Fact]
    public void Every_cmdlet_has_a_Pester_test_file_that_calls_it() =>
        Problems.None(_module.Cmdlets
            .Select(c => (c.Name, Path: Path.Combine(BuiltModule.PesterDirectory, c.Name + ".Tests.ps1")))
            .Where(x => !File.Exists(x.Path) || !File.ReadAllText(x.Path).Contains(x.Name + " ", StringComparison.Ordinal))
            .Select(x => x.Path + " is missing or never calls " + x.Name));

    [Fact]
    public void Every_Pester_test_file_is_for_the_module_or_a_cmdlet()
    {
        var expected = _module.Cmdlets.Select(c => c.Name + ".Tests.ps1").Append(ModuleTests).ToHashSet(StringComparer.Ordinal);
        Problems.None(Directory.GetFiles(BuiltModule.PesterDirectory, "*.Tests.ps1").Select(Path.GetFileName).Where(f => !expected.Contains(f!)).Select(f => f + " tests no cmdlet"));
    }

    [Fact]
    public void Pester_tests_load_the_module_named_by_TELNYXNET_MODULE_PATH() =>
        Problems.None(TestFiles.Where(f => f.EndsWith(".Tests.ps1", StringComparison.Ordinal))
            .Where(f => !Regex.IsMatch(File.ReadAllText(f), @"Get-TelnyxNetModuleDirectory|\$env:TELNYXNET_MODULE_PATH"))
            .Select(Path.GetFileName));

    [Fact]
    public void Pester_tests_use_Pester_5_assertions() =>
        Problems.None(TestFiles.SelectMany(f => File.ReadAllLines(f).Select((l, i) => (f, l, i)))
            .Where(x => Regex.IsMatch(x.l, @"\|\s*Should\s+(?!-)\w"))
            .Select(x => Path.GetFileName(x.f) + ":" + (x.i + 1) + ": Pester 4 'Should Be' form"));

    [Fact]
    public void Pester_tests_have_no_PowerShell_7_only_syntax() =>
        Problems.None(TestFiles.SelectMany(f => WindowsPowerShellSyntax.Violations(File.ReadAllText(f)).Select(v => Path.GetFileName(f) + " " + v)));
}
