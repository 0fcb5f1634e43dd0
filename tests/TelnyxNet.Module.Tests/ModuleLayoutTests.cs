namespace TelnyxNet.Module.Tests;

public sealed class ModuleLayoutTests
{
    [Theory]
    [InlineData("TelnyxNet.psd1")]
    [InlineData("TelnyxNet.dll")]
    [InlineData("TelnyxNet.Engine.dll")]
    [InlineData("TelnyxNet.Format.ps1xml")]
    [InlineData("TelnyxNet.Types.ps1xml")]
    [InlineData("Makaretu.Dns.dll")]
    public void The_module_folder_holds(string fileName) =>
        Assert.True(File.Exists(BuiltModule.PathOf(fileName)), fileName + " is missing from " + BuiltModule.Directory);

    [Fact]
    public void The_module_folder_carries_no_PowerShell_assembly() =>
        Assert.False(File.Exists(BuiltModule.PathOf("System.Management.Automation.dll")));

    /// <summary>DESIGN.md rule 9: Makaretu.Dns is the one third-party dll; its SimpleBase dependency is never shipped (nothing the engine calls needs it).</summary>
    [Fact]
    public void The_module_folder_carries_no_third_party_dll_but_Makaretu_Dns() =>
        Assert.Equal(
            new[] { "Makaretu.Dns.dll", "TelnyxNet.Engine.dll", "TelnyxNet.dll" },
            Directory.GetFiles(BuiltModule.Directory, "*.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal));
}
