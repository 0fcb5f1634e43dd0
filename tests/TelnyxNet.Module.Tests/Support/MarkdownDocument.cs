using System.Text.RegularExpressions;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>
/// A markdown help file as platyPS reads it: optional YAML front matter between "---" lines,
/// then a tree of headings; under each heading, its text lines and fenced code blocks.
/// Headings inside code blocks are code, not headings.
/// </summary>
public sealed class MarkdownDocument
{
    private static readonly Regex Heading = new(@"^(#{1,6})\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant);

    private MarkdownDocument(IReadOnlyDictionary<string, string> metadata, MarkdownSection root, IReadOnlyList<string> lines)
    {
        Metadata = metadata;
        Root = root;
        Lines = lines;
    }

    /// <summary>The front matter, "key: value" per line; empty when there is none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>A level-0 section holding the text before the first heading and every top-level heading.</summary>
    public MarkdownSection Root { get; }

    /// <summary>Every line of the file.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Every heading, in document order.</summary>
    public IEnumerable<MarkdownSection> Headings => Root.Descendants();

    public static MarkdownDocument Load(string path) => Parse(File.ReadAllText(path));

    public static MarkdownDocument Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (at = 1; at < lines.Length && lines[at].Trim() != "---"; at++)
            {
                var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    metadata[lines[at].Substring(0, colon).Trim()] = lines[at].Substring(colon + 1).Trim();
                }
            }

            if (at == lines.Length)
            {
                throw new FormatException("The front matter has no closing '---'.");
            }

            at++;
        }

        var root = new MarkdownSection(0, string.Empty);
        var open = new Stack<MarkdownSection>();
        open.Push(root);
        string? fenceLanguage = null;
        var fence = new List<string>();
        for (; at < lines.Length; at++)
        {
            var line = lines[at];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (fenceLanguage is null)
                {
                    fenceLanguage = line.Trim().Substring(3).Trim();
                    fence.Clear();
                }
                else
                {
                    open.Peek().CodeBlocks.Add(new CodeBlock(fenceLanguage, string.Join("\n", fence)));
                    fenceLanguage = null;
                }

                continue;
            }

            if (fenceLanguage != null)
            {
                fence.Add(line);
                continue;
            }

            var heading = Heading.Match(line);
            if (!heading.Success)
            {
                open.Peek().TextLines.Add(line);
                continue;
            }

            var level = heading.Groups[1].Value.Length;
            while (open.Peek().Level >= level)
            {
                open.Pop();
            }

            var section = new MarkdownSection(level, heading.Groups[2].Value);
            open.Peek().Children.Add(section);
            open.Push(section);
        }

        if (fenceLanguage != null)
        {
            throw new FormatException("A ``` code block is not closed.");
        }

        return new MarkdownDocument(metadata, root, lines);
    }
}

/// <summary>One heading: its level, title, text lines (code blocks excluded), code blocks and sub-headings.</summary>
public sealed class MarkdownSection
{
    internal MarkdownSection(int level, string title)
    {
        Level = level;
        Title = title;
    }

    public int Level { get; }

    public string Title { get; }

    public List<string> TextLines { get; } = new();

    public List<CodeBlock> CodeBlocks { get; } = new();

    public List<MarkdownSection> Children { get; } = new();

    /// <summary>The text lines, trimmed and joined by single spaces.</summary>
    public string Text => string.Join(" ", TextLines.Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>The direct sub-heading titled <paramref name="title"/>, or null.</summary>
    public MarkdownSection? Child(string title) => Children.FirstOrDefault(c => c.Title == title);

    /// <summary>This section's text, its code and every sub-heading's, as one string.</summary>
    public string AllText() =>
        string.Join("\n", TextLines.Concat(CodeBlocks.Select(b => b.Text)).Concat(Children.Select(c => c.Title + "\n" + c.AllText())));

    public IEnumerable<MarkdownSection> Descendants() => Children.SelectMany(c => new[] { c }.Concat(c.Descendants()));

    public override string ToString() => new string('#', Level) + " " + Title;
}

/// <summary>A fenced code block and the language after its opening ```.</summary>
public sealed record CodeBlock(string Language, string Text);
