namespace TelnyxNet.Module.Tests;

public sealed class ModuleLayoutTests
{
    [Theory]
    [InlineData("TelnyxNet.psd1")]
    [InlineData("TelnyxNet.dll")]
    [InlineData("TelnyxNet.Engine.dll")]
    [InlineData("TelnyxNet.Format.ps1xml")]
    [InlineData("TelnyxNet.Types.ps1xml")]
    public void The_module_folder_holds(string fileName) =>
        Assert.True(File.Exists(BuiltModule.PathOf(fileName)), fileName + " is missing from " + BuiltModule.Directory);

    [Fact]
    public void The_module_folder_carries_no_PowerShell_assembly() =>
        Assert.False(File.Exists(BuiltModule.PathOf("System.Management.Automation.dll")));
}
