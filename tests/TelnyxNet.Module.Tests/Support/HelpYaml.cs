namespace TelnyxNet.Module.Tests.Support;

/// <summary>The "Key: value" lines of a platyPS parameter ```yaml block.</summary>
internal static class HelpYaml
{
    public static IReadOnlyDictionary<string, string> Parse(string block)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in block.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
        }

        return values;
    }

    /// <summary>A comma-separated list ("Aliases: A, B"); empty for an empty value.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Array.Empty<string>() : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
}
