using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>Every markdown file in docs/en-US is finished: no platyPS stub text is left.</summary>
public sealed class HelpTextTests
{
    private static readonly string[] Placeholders = { "{{", "Fill in", "TODO", "Insert" };

    [Fact]
    public void The_docs_folder_holds_markdown_help() => Assert.NotEmpty(Directory.GetFiles(BuiltModule.DocsDirectory, "*.md"));

    [Fact]
    public void No_help_file_holds_placeholder_text() =>
        Problems.None(Directory.GetFiles(BuiltModule.DocsDirectory, "*.md")
            .SelectMany(path => File.ReadAllLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(x => Placeholders.Any(p => x.line.Contains(p, StringComparison.Ordinal)))
            .Select(x => Path.GetFileName(x.path) + ":" + x.number + ": " + x.line));

    [Fact]
    public void Help_files_have_no_tabs_or_carriage_returns() =>
        Problems.None(Directory.GetFiles(BuiltModule.DocsDirectory, "*.md")
            .Where(path => File.ReadAllText(path).IndexOfAny(new[] { '\t', '\r' }) >= 0)
            .Select(Path.GetFileName));

    /// <summary>platyPS 0.14 runs a hard-wrapped list item into the items after it in Get-Help: each item is one line.</summary>
    [Fact]
    public void List_items_are_one_line_each_so_Get_Help_shows_them_as_a_list() =>
        Problems.None(Directory.GetFiles(BuiltModule.DocsDirectory, "*.md").SelectMany(ListContinuations));

    [Fact]
    public void The_list_check_finds_a_wrapped_item_and_ignores_code()
    {
        var wrapped = "Text\n- `None`: one line\n- `Timeout`: wrapped\n  onto a second line\n\n```\n- code\n  indented code\n```\n";
        Assert.Equal(new[] { "x.md:4: the list item above continues on this line" }, ListContinuations("x.md", wrapped));
    }

    private static IEnumerable<string> ListContinuations(string path) => ListContinuations(path, File.ReadAllText(path));

    private static IEnumerable<string> ListContinuations(string path, string text)
    {
        var lines = text.Split('\n');
        var inCode = false;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i - 1].StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }

            var previousIsItem = System.Text.RegularExpressions.Regex.IsMatch(lines[i - 1], @"^\s*([-*]|\d+\.)\s");
            if (!inCode && previousIsItem && System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^\s+\S"))
            {
                yield return Path.GetFileName(path) + ":" + (i + 1) + ": the list item above continues on this line";
            }
        }
    }

    [Fact]
    public void The_markdown_reader_keeps_headings_inside_code_blocks_as_code()
    {
        var document = MarkdownDocument.Parse("---\nschema: 2.0.0\n---\n\n# Get-Thing\n\n## SYNTAX\n\n### A (Default)\n```\n# not a heading\nGet-Thing [-A]\n```\n\n## NOTES\ntext\n");
        Assert.Equal("2.0.0", document.Metadata["schema"]);
        var body = Assert.Single(document.Root.Children);
        Assert.Equal(new[] { "SYNTAX", "NOTES" }, body.Children.Select(c => c.Title));
        var block = Assert.Single(body.Children[0].Children[0].CodeBlocks);
        Assert.Equal("# not a heading\nGet-Thing [-A]", block.Text);
        Assert.Equal("text", body.Children[1].Text);
    }
}
