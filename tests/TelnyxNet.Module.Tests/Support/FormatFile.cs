using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>The views of a PowerShell format file (*.Format.ps1xml), as far as the contract tests need them.</summary>
public sealed class FormatFile
{
    private FormatFile(IReadOnlyList<FormatView> views) => Views = views;

    public IReadOnlyList<FormatView> Views { get; }

    public static FormatFile Load(string path)
    {
        var document = XDocument.Load(path);
        var views = document.Descendants("View").Select(view =>
        {
            var table = view.Element("TableControl");
            var items = table?.Descendants("TableColumnItem").ToList() ?? new List<XElement>();
            return new FormatView(
                (string?)view.Element("Name") ?? string.Empty,
                view.Element("ViewSelectedBy")?.Elements("TypeName").Select(t => t.Value.Trim()).ToList() ?? new List<string>(),
                table != null,
                table?.Descendants("TableColumnHeader").Select(h => (string?)h.Element("Label") ?? string.Empty).ToList() ?? new List<string>(),
                table?.Descendants("TableColumnHeader").Select(h => (int?)h.Element("Width")).ToList() ?? new List<int?>(),
                items.Select(i => i.Element("PropertyName")?.Value.Trim()).OfType<string>().ToList(),
                items.Select(i => i.Element("ScriptBlock")?.Value).OfType<string>().ToList());
        }).ToList();
        return new FormatFile(views);
    }
}

/// <summary>One view: the types it is for, and, for a table, its headers and columns.</summary>
public sealed record FormatView(string Name, IReadOnlyList<string> TypeNames, bool IsTable, IReadOnlyList<string> Headers, IReadOnlyList<int?> Widths, IReadOnlyList<string> PropertyNames, IReadOnlyList<string> ScriptBlocks)
{
    public int HeaderCount => Headers.Count;

    private static readonly Regex PipelineProperty = new(@"\$_\.(\w+)", RegexOptions.CultureInvariant);

    public int ColumnCount => PropertyNames.Count + ScriptBlocks.Count;

    /// <summary>The properties the script-block columns read from <c>$_</c>.</summary>
    public IEnumerable<string> ScriptBlockProperties =>
        ScriptBlocks.SelectMany(s => PipelineProperty.Matches(s).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal);
}
