using System.Text.RegularExpressions;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Integration;

namespace TelnyxNet.Engine.Tests.Diagnosis;

/// <summary>
/// about_TelnyxNet lists the engine's one table of codes (<see cref="FindingCodes"/>) exactly: one
/// line per code, "- code (effect, source[, SDK]): …", no code missing, none that the table lacks.
/// </summary>
public sealed class FindingCodesDocumentedTests
{
    private static readonly Regex CodeLine = new(@"^- (?<code>[a-z][a-z0-9]*(_[a-z0-9]+)+) \((?<effect>[a-z]+), (?<source>[a-z]+)(?<sdk>, SDK)?\): \S", RegexOptions.CultureInvariant);

    [Fact]
    public void About_TelnyxNet_lists_every_code_with_its_effect_source_and_origin_and_nothing_else()
    {
        var lines = File.ReadAllLines(Path.Combine(TelnyxCli.RepositoryRoot(), "docs", "en-US", "about_TelnyxNet.md"))
            .Select(l => CodeLine.Match(l))
            .Where(m => m.Success)
            .ToList();
        var documented = lines.ToDictionary(m => m.Groups["code"].Value, m => (Effect: m.Groups["effect"].Value, Source: m.Groups["source"].Value, Sdk: m.Groups["sdk"].Success));

        Assert.Equal(lines.Count, documented.Count);
        Assert.Equal(string.Empty, string.Join(", ", FindingCodes.All.Select(c => c.Code).Where(c => !documented.ContainsKey(c))));
        Assert.Equal(string.Empty, string.Join(", ", documented.Keys.Where(c => FindingCodes.Find(c) is null)));
        Assert.All(FindingCodes.All, c => Assert.Equal((c.Effect.ToString().ToLowerInvariant(), c.Source, c.FromSdk), documented[c.Code]));
    }
}
