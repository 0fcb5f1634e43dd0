using System.Reflection;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>
/// docs/en-US/about_TelnyxNet.md in the platyPS about-topic layout: New-ExternalHelp recognises an
/// about topic by its second heading ("## about_…") and renders only headings, paragraphs and code.
/// </summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class AboutTopicTests
{
    private const string Topic = "about_TelnyxNet";
    private static readonly string[] Sections = { "SHORT DESCRIPTION", "LONG DESCRIPTION", "EXAMPLES", "NOTE", "TROUBLESHOOTING NOTE", "SEE ALSO", "KEYWORDS" };
    private static readonly string[] VerdictWords = { "blocked", "degraded", "ready", "inconclusive" };
    private readonly ModuleAssemblies _module;
    private readonly MarkdownDocument _about;

    public AboutTopicTests(ModuleAssemblies module)
    {
        _module = module;
        var path = Path.Combine(BuiltModule.DocsDirectory, Topic + ".md");
        Assert.True(File.Exists(path), path + " is missing");
        _about = MarkdownDocument.Load(path);
    }

    [Fact]
    public void The_second_heading_names_the_topic_for_the_help_system()
    {
        var headings = _about.Headings.Take(2).ToList();
        Assert.Equal(2, headings.Count);
        Assert.Equal(1, headings[0].Level);
        Assert.Equal(2, headings[1].Level);
        Assert.Equal(Topic, headings[1].Title);
        Assert.Empty(_about.Metadata);
    }

    [Fact]
    public void The_topic_has_the_about_sections_in_order()
    {
        var titles = _about.Headings.Where(h => h.Level == 1).Skip(1).Select(h => h.Title).ToList();
        Assert.Equal(Sections, titles);
    }

    [Fact]
    public void The_short_description_is_one_short_paragraph()
    {
        var text = Section("SHORT DESCRIPTION").Text;
        Assert.InRange(text.Length, 20, 200);
    }

    [Fact]
    public void The_topic_holds_only_what_the_about_renderer_draws() =>
        Assert.DoesNotContain(_about.Lines, l => l.TrimStart().StartsWith('|') || l.TrimStart().StartsWith('<') || l.TrimStart().StartsWith('>'));

    [Fact]
    public void The_topic_names_every_cmdlet_output_type_and_the_CLI()
    {
        var text = AllText();
        var names = _module.Cmdlets.Select(c => c.Name).Concat(_module.EngineOutputTypes.Select(t => t.Name)).Append("telnyxnet");
        Problems.None(names.Where(n => !text.Contains(n, StringComparison.Ordinal)).Select(n => n + " is not mentioned"));
    }

    [Fact]
    public void The_topic_explains_every_failure_reason_and_status() =>
        Problems.None(EnumNames("TelnyxNet.Engine.Diagnosis.FailureReason").Concat(EnumNames("TelnyxNet.Engine.Diagnosis.ProbeStatus"))
            .Where(n => !AllText().Contains(n, StringComparison.Ordinal))
            .Select(n => n + " is not explained"));

    [Fact]
    public void The_topic_explains_the_verdict_vocabulary() =>
        Problems.None(VerdictWords.Where(w => !AllText().Contains(w, StringComparison.Ordinal)).Select(w => w + " is not explained"));

    private IEnumerable<string> EnumNames(string fullName) =>
        _module.Engine.GetType(fullName, throwOnError: true)!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name);

    private string AllText() => _about.Root.AllText();

    private MarkdownSection Section(string title) => Assert.Single(_about.Headings, h => h.Level == 1 && h.Title == title);
}
