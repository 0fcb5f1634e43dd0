using System.Collections;
using System.Globalization;
using System.Reflection;
using TelnyxNet.Engine.Report;

namespace TelnyxNet.Engine.Tests.Report;

/// <summary>An engine object read by its public property names, as the module reads a PowerShell object and the CLI its source-generated metadata.</summary>
internal sealed class ObjectProperties : IReportProperties
{
    private readonly object _value;

    public ObjectProperties(object value) => _value = value;

    public string Text(string name) => Get(name) switch
    {
        null => string.Empty,
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };

    public IReportProperties? Object(string name) => Get(name) is { } value ? new ObjectProperties(value) : null;

    public IReadOnlyList<IReportProperties> List(string name) =>
        Get(name) is IEnumerable items and not string ? items.Cast<object>().Select(i => (IReportProperties)new ObjectProperties(i)).ToList() : Array.Empty<IReportProperties>();

    private object? Get(string name) => _value.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(_value);
}
