using System.Collections;
using System.Globalization;
using System.Management.Automation;
using TelnyxNet.Engine.Report;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// A PowerShell object read by property name for the HTML report: a live TelnyxReadinessReport, or
/// one deserialized by Start-Job, Invoke-Command or ForEach-Object -Parallel (whose nested values
/// are property bags and whose times are Deserialized.System.DateTimeOffset). Both read alike.
/// </summary>
internal sealed class PSObjectReportProperties : IReportProperties
{
    private const string DeserializedTime = "Deserialized.System.DateTimeOffset";
    private readonly PSObject _object;

    public PSObjectReportProperties(PSObject value) => _object = value;

    public string Text(string name) => Value(name) switch
    {
        null => string.Empty,
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        DateTime time => new DateTimeOffset(time.ToUniversalTime()).ToString("o", CultureInfo.InvariantCulture),
        PSObject time when time.TypeNames.Contains(DeserializedTime) => DeserializedTimeText(time),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };

    public IReportProperties? Object(string name) => Value(name) is { } value ? new PSObjectReportProperties(PSObject.AsPSObject(value)) : null;

    public IReadOnlyList<IReportProperties> List(string name) =>
        Value(name) is { } value and not string && LanguagePrimitives.GetEnumerable(value) is IEnumerable items
            ? items.Cast<object?>().Where(i => i != null).Select(i => (IReportProperties)new PSObjectReportProperties(PSObject.AsPSObject(i!))).ToList()
            : Array.Empty<IReportProperties>();

    /// <summary>A deserialized DateTimeOffset: its UtcDateTime when it was serialized deep enough, else its invariant text.</summary>
    private static string DeserializedTimeText(PSObject time) =>
        time.Properties["UtcDateTime"]?.Value is DateTime utc
            ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("o", CultureInfo.InvariantCulture)
            : DateTimeOffset.TryParse(time.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed.ToString("o", CultureInfo.InvariantCulture) : time.ToString();

    /// <summary>The property's value; a wrapped .NET value unwrapped, a property bag (deserialized object) kept as is.</summary>
    private object? Value(string name)
    {
        var value = _object.Properties[name]?.Value;
        return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
    }
}
