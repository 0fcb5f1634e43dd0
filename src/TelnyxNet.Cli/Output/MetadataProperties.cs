using System.Collections;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using TelnyxNet.Engine.Report;

namespace TelnyxNet.Cli.Output;

/// <summary>
/// A result read by its public property names through the CLI's source-generated metadata
/// (<see cref="CliJsonContext"/>), for the HTML report: no reflection, so the native build reads
/// exactly what the module reads of the same object.
/// </summary>
internal sealed class MetadataProperties : IReportProperties
{
    private readonly object _value;
    private readonly IReadOnlyDictionary<string, JsonPropertyInfo> _properties;

    public MetadataProperties(object value)
    {
        _value = value;
        _properties = CliJsonContext.Default.Options.GetTypeInfo(value.GetType()).Properties.Where(p => p.Get != null).ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string Text(string name) => Get(name) switch
    {
        null => string.Empty,
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };

    public IReportProperties? Object(string name) => Get(name) is { } value ? new MetadataProperties(value) : null;

    public IReadOnlyList<IReportProperties> List(string name) =>
        Get(name) is IEnumerable items and not string ? items.Cast<object>().Select(i => (IReportProperties)new MetadataProperties(i)).ToList() : Array.Empty<IReportProperties>();

    private object? Get(string name) => _properties.TryGetValue(name, out var property) ? property.Get!(_value) : null;
}
