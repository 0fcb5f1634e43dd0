using System.Text.RegularExpressions;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>build.ps1 at the repository root: its tasks, and that Windows PowerShell 5.1 can run it.</summary>
public sealed class BuildScriptTests
{
    private static readonly string Script = File.ReadAllText(BuiltModule.BuildScriptPath);

    [Fact]
    public void The_script_declares_the_four_tasks_and_two_configurations()
    {
        Assert.Equal(new[] { "Build", "Docs", "Package", "Test" }, ValidateSetBefore(@"\[string\[\]\]\s*\$Task\b"));
        Assert.Equal(new[] { "Debug", "Release" }, ValidateSetBefore(@"\[string\]\s*\$Configuration\b"));
    }

    [Theory]
    [InlineData("Build")]
    [InlineData("Docs")]
    [InlineData("Test")]
    [InlineData("Package")]
    public void Every_task_is_carried_out(string task) =>
        Assert.Matches(new Regex(@"'" + task + @"'\s*\{", RegexOptions.CultureInvariant), WindowsPowerShellSyntax.WithoutComments(Script));

    [Fact]
    public void The_script_has_no_PowerShell_7_only_syntax() => Problems.None(WindowsPowerShellSyntax.Violations(Script));

    [Fact]
    public void The_script_stops_on_the_first_error() => Assert.Contains("$ErrorActionPreference = 'Stop'", Script, StringComparison.Ordinal);

    [Fact]
    public void Every_native_call_goes_through_the_exit_code_check()
    {
        var code = WindowsPowerShellSyntax.WithoutComments(Script);
        Assert.Contains("$LASTEXITCODE", code, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"^\s*&?\s*dotnet\b", RegexOptions.Multiline | RegexOptions.CultureInvariant), code);
    }

    [Fact]
    public void The_script_has_comment_based_help_with_examples()
    {
        var help = Regex.Match(Script, @"<#([\s\S]*?)#>").Groups[1].Value;
        Assert.Contains(".SYNOPSIS", help, StringComparison.Ordinal);
        Assert.Contains(".PARAMETER Task", help, StringComparison.Ordinal);
        Assert.Contains(".PARAMETER Configuration", help, StringComparison.Ordinal);
        Assert.True(Regex.Matches(help, @"\.EXAMPLE").Count >= 3, "at least three .EXAMPLE entries");
    }

    [Fact]
    public void The_syntax_check_catches_each_PowerShell_7_construct()
    {
        var script = "<#\n a ?? b\n#>\n# x && y\n$a = $b ?? 1\n$c?.Name\ndotnet build && dotnet test\n$x = $y || $z\n1..3 | ForEach-Object -Parallel { $_ }\n$v = $ok ? 'yes' : 'no'\n$w = 'plain'\n";
        Assert.Equal(new[] { 5, 6, 7, 8, 9, 10 }, WindowsPowerShellSyntax.Violations(script).Select(v => int.Parse(v.Split(' ', ':')[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IEnumerable<string> ValidateSetBefore(string parameterPattern)
    {
        var match = Regex.Match(Script, @"\[ValidateSet\(([^)]*)\)\]\s*" + parameterPattern);
        Assert.True(match.Success, "no [ValidateSet(...)] before " + parameterPattern);
        return Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
    }
}
