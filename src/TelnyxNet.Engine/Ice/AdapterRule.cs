using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Ice;

/// <summary>Which property of an interface a rule reads.</summary>
internal enum AdapterField
{
    /// <summary>The interface name.</summary>
    Name,

    /// <summary>The adapter description.</summary>
    Description,

    /// <summary>The operating system's interface type.</summary>
    OsType,
}

/// <summary>One row of <see cref="AdapterClassification"/>: a case-insensitive pattern on one field, the kind it means, and why.</summary>
internal sealed class AdapterRule
{
    public AdapterRule(AdapterKind kind, AdapterField field, string pattern, string why)
    {
        Kind = kind;
        Field = field;
        Pattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        Why = why;
    }

    public AdapterKind Kind { get; }

    public AdapterField Field { get; }

    public Regex Pattern { get; }

    public string Why { get; }

    /// <summary>True when the rule's field of <paramref name="adapter"/> matches.</summary>
    public bool Matches(LocalInterface adapter) => Pattern.IsMatch(Field switch
    {
        AdapterField.Name => adapter.Name,
        AdapterField.Description => adapter.Description,
        _ => adapter.OsType,
    });

    /// <summary>How the rule reads in results, e.g. <c>name ~ ^docker\d+$ (Docker's default bridge)</c>.</summary>
    public override string ToString() => Field.ToString().ToLowerInvariant() + " ~ " + Pattern + " (" + Why + ")";
}
