namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// A catalog file that cannot be used: unreadable, not JSON, or a row with a missing or invalid
/// field. The message names the file, the row, the field and where in the file it is.
/// </summary>
public sealed class CatalogException : Exception
{
    internal CatalogException(string file, string field, int? row, int? line, string message, Exception? inner = null)
        : base(message, inner)
    {
        File = file;
        Field = field;
        Row = row;
        Line = line;
    }

    /// <summary>The file (or source name) that was read.</summary>
    public string File { get; }

    /// <summary>The field that is wrong (Service, Host, Port, …); empty when the file as a whole is.</summary>
    public string Field { get; }

    /// <summary>The 1-based row (array element) that is wrong, when one is.</summary>
    public int? Row { get; }

    /// <summary>The 1-based line of the file where the problem is, when known.</summary>
    public int? Line { get; }
}
