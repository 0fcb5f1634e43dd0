using System.Globalization;

namespace TelnyxNet.Bench;

/// <summary>Plain <c>--name value</c> options of one subcommand; unknown or malformed options are usage errors.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private BenchArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/>: pairs of <c>--name value</c>.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new UsageException("expected '--name value', got '" + args[i] + "'" + (i + 1 >= args.Count ? " with no value" : string.Empty) + ".");
            }

            parsed._values[args[i]] = args[i + 1];
        }

        return parsed;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent (null: required).</summary>
    public int Int(string name, int min, int max, int? fallback = null)
    {
        var text = Text(name, fallback?.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException(name + " must be a whole number from " + min + " to " + max + "; got '" + text + "'.");
        }

        return value;
    }

    /// <summary>A text value; <paramref name="fallback"/> when absent (null: required).</summary>
    public string Text(string name, string? fallback = null)
    {
        _used.Add(name);
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        return fallback ?? throw new UsageException(name + " is required.");
    }

    /// <summary>An optional text value.</summary>
    public string? Optional(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Throws for any option that no call above asked for.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException("unknown option(s): " + string.Join(", ", unknown) + ".");
        }
    }
}
