using System.Text.RegularExpressions;

namespace TelnyxNet.Module.Tests.Support;

/// <summary>
/// Finds syntax that PowerShell 7 accepts and Windows PowerShell 5.1 rejects, in a script whose
/// comments are ignored: <c>??</c> and <c>??=</c>, <c>?.</c> / <c>?[</c>, pipeline chains
/// <c>&amp;&amp;</c> / <c>||</c>, <c>ForEach-Object -Parallel</c> and the ternary <c>a ? b : c</c>.
/// </summary>
internal static class WindowsPowerShellSyntax
{
    private static readonly (string What, Regex Pattern)[] Rules =
    {
        ("the ?? operator", new Regex(@"\?\?", RegexOptions.CultureInvariant)),
        ("the ?. or ?[ operator", new Regex(@"\?[.\[]", RegexOptions.CultureInvariant)),
        ("the && pipeline chain", new Regex(@"\s&&\s", RegexOptions.CultureInvariant)),
        ("the || pipeline chain", new Regex(@"\s\|\|\s", RegexOptions.CultureInvariant)),
        ("-Parallel", new Regex(@"-Parallel\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)),
        ("the ternary operator", new Regex(@"\s\?\s.*\s:\s", RegexOptions.CultureInvariant)),
    };

    /// <summary>"line N: what" for every PowerShell-7-only construct in <paramref name="script"/>.</summary>
    public static IEnumerable<string> Violations(string script)
    {
        var lines = WithoutComments(script).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (what, pattern) in Rules)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    yield return "line " + (i + 1) + ": " + what + ": " + lines[i].Trim();
                }
            }
        }
    }

    /// <summary>The script with &lt;# … #&gt; blocks blanked (line numbers kept) and whole-line # comments removed.</summary>
    public static string WithoutComments(string script)
    {
        var text = Regex.Replace(script.Replace("\r\n", "\n", StringComparison.Ordinal), @"<#[\s\S]*?#>", m => new string('\n', m.Value.Count(c => c == '\n')));
        return string.Join("\n", text.Split('\n').Select(l => l.TrimStart().StartsWith('#') ? string.Empty : l));
    }
}
