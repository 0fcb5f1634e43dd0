using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

public sealed class PowerShellDataFileTests
{
    [Fact]
    public void Reads_strings_arrays_nested_tables_and_constants()
    {
        var table = PowerShellDataFile.Parse("""
            # a comment
            @{
                RootModule = 'Mod.dll'   # trailing comment
                'Quoted Key' = "say ""hi"" `t"
                Editions = 'Desktop', 'Core'
                Empty = @()
                List = @(
                    'a'
                    'b', 'c'
                )
                <# block
                   comment #>
                Flag = $true; Nothing = $null
                Number = 5.1
                PrivateData = @{ PSData = @{ Tags = @('x') } }
            }
            """);
        Assert.Equal("Mod.dll", table["rootmodule"]);
        Assert.Equal("say \"hi\" \t", table["Quoted Key"]);
        Assert.Equal(new object[] { "Desktop", "Core" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(table["Editions"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(table["Empty"]));
        Assert.Equal(new object[] { "a", "b", "c" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(table["List"]));
        Assert.Equal(true, table["Flag"]);
        Assert.Null(table["Nothing"]);
        Assert.Equal(5.1m, table["Number"]);
        var data = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(table["PrivateData"])["PSData"]);
        Assert.Equal(new object[] { "x" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(data["Tags"]));
    }

    [Fact]
    public void Single_quoted_strings_keep_backticks_and_double_their_quotes() =>
        Assert.Equal("it's `n", PowerShellDataFile.Parse("@{ A = 'it''s `n' }")["A"]);

    [Theory]
    [InlineData("@{ A = $env:PATH }", "variables")]
    [InlineData("@{ A = \"$x\" }", "variable expansion")]
    [InlineData("@{ A = 'x' B = 'y' }", "new line")]
    [InlineData("@{ A = 'x'\n a = 'y' }", "duplicate")]
    [InlineData("@{ A = 'x' } extra", "after the closing")]
    [InlineData("@{ A = 'x'", "after the value")]
    [InlineData("@{ A = Get-Date }", "expected a value")]
    public void Rejects_what_a_data_file_cannot_hold(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => PowerShellDataFile.Parse(text)).Message, StringComparison.Ordinal);
}
