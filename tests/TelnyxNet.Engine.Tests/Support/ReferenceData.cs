using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// Loads the reference files of Data/ that the test project copies to <c>reference/</c> in its
/// output folder: the RFC 5769 vectors (one hex block under each <c>## 2.x</c> heading of
/// rfc5769-vectors.md) and the browser STUN corpus (stun-from-browsers.csv, CC0, from pion).
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Vectors = new(LoadVectors);
    private static readonly Lazy<IReadOnlyList<BrowserMessage>> Browser = new(LoadBrowserMessages);

    /// <summary>The folder the reference files are copied to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "reference");

    /// <summary>The RFC 5769 sections present: "2.1" to "2.4".</summary>
    public static IReadOnlyCollection<string> Rfc5769Sections => Vectors.Value.Keys.ToArray();

    /// <summary>The rows of stun-from-browsers.csv, in file order.</summary>
    public static IReadOnlyList<BrowserMessage> BrowserMessages => Browser.Value;

    /// <summary>A fresh copy of the message of RFC 5769 section <paramref name="section"/> (e.g. "2.2").</summary>
    public static byte[] Rfc5769Vector(string section) =>
        Vectors.Value.TryGetValue(section, out var bytes)
            ? (byte[])bytes.Clone()
            : throw new ArgumentException("rfc5769-vectors.md has no section " + section + ".", nameof(section));

    private static string ReadFile(string name)
    {
        var path = Path.Combine(Folder, name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException("Reference file " + path + " is missing; the test project copies tests/TelnyxNet.Engine.Tests/Data/* to reference/.");
        }

        return File.ReadAllText(path);
    }

    /// <summary>Each "## 2.x" heading followed, before the next heading, by one fenced hex block.</summary>
    private static IReadOnlyDictionary<string, byte[]> LoadVectors()
    {
        var vectors = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var lines = ReadFile("rfc5769-vectors.md").Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string? section = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                var words = line.Substring(3).Split(' ');
                section = words[0].StartsWith("2.", StringComparison.Ordinal) ? words[0] : null;
                continue;
            }

            if (section is null || !line.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var hex = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                hex.Append(lines[i].Trim());
            }

            vectors.Add(section, Convert.FromHexString(hex.ToString()));
            section = null;
        }

        if (vectors.Count != 4)
        {
            throw new InvalidOperationException("rfc5769-vectors.md: expected the hex blocks of sections 2.1 to 2.4, found " + string.Join(", ", vectors.Keys) + ".");
        }

        return vectors;
    }

    private static IReadOnlyList<BrowserMessage> LoadBrowserMessages()
    {
        var lines = ReadFile("stun-from-browsers.csv")
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
            .ToArray();
        var header = lines[0].Split(',');
        int Column(string name)
        {
            var index = Array.IndexOf(header, name);
            return index >= 0 ? index : throw new InvalidOperationException("stun-from-browsers.csv has no column '" + name + "'.");
        }

        var (ip, message, crc, browser, version, system) =
            (Column("ip"), Column("message"), Column("crc"), Column("browser"), Column("version"), Column("system"));
        var rows = new List<BrowserMessage>();
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidOperationException("stun-from-browsers.csv row " + i + " has " + fields.Length + " fields, " + header.Length + " expected.");
            }

            rows.Add(new BrowserMessage(
                i,
                fields[ip],
                Convert.FromBase64String(fields[message]),
                ulong.Parse(fields[crc], NumberStyles.None, CultureInfo.InvariantCulture),
                fields[browser],
                fields[version],
                fields[system]));
        }

        return rows;
    }

    /// <summary>One captured browser message: <see cref="Message"/> is the decoded base64, <see cref="Crc"/> the CRC-64/ISO column.</summary>
    public sealed record BrowserMessage(int Row, string Ip, byte[] Message, ulong Crc, string Browser, string Version, string System)
    {
        /// <inheritdoc />
        public override string ToString() => "row " + Row + " (" + Browser + " " + Version + ", " + System + ")";
    }
}
