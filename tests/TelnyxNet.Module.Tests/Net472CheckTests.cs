using System.Xml.Linq;

namespace TelnyxNet.Module.Tests;

/// <summary>DESIGN.md rule 9: the solution also compiles the engine and the module against .NET Framework 4.7.2, so an API Windows PowerShell 5.1 lacks fails the build.</summary>
public sealed class Net472CheckTests
{
    [Theory]
    [InlineData("build/Net472/Engine/TelnyxNet.Engine.Net472.csproj", "src/TelnyxNet.Engine/")]
    [InlineData("build/Net472/Module/TelnyxNet.Net472.csproj", "src/TelnyxNet/")]
    public void The_solution_compiles_the_sources_for_net472(string project, string sources)
    {
        var solution = File.ReadAllText(Path.Combine(BuiltModule.RepoRoot, "TelnyxNet.sln"));
        Assert.Contains(project.Replace('/', '\\'), solution, StringComparison.Ordinal);

        var xml = XDocument.Load(Path.Combine(BuiltModule.RepoRoot, project));
        Assert.Equal("net472", xml.Descendants("TargetFramework").Single().Value);
        Assert.Equal("$(RepoRoot)" + sources, xml.Descendants("Source").Single().Value);
        Assert.Contains(xml.Descendants("Compile"), c => (string?)c.Attribute("Include") == "$(Source)**/*.cs");
        Assert.Contains(xml.Descendants("PackageReference"), p => (string?)p.Attribute("Include") == "Microsoft.NETFramework.ReferenceAssemblies");
    }

    [Fact]
    public void The_engine_check_references_every_package_the_engine_does()
    {
        static IEnumerable<string> Packages(string project) =>
            XDocument.Load(Path.Combine(BuiltModule.RepoRoot, project)).Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!);

        Assert.Empty(Packages("src/TelnyxNet.Engine/TelnyxNet.Engine.csproj").Except(Packages("build/Net472/Engine/TelnyxNet.Engine.Net472.csproj")));
    }
}
