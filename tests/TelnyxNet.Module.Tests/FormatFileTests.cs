using System.Reflection;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

[Collection(BuiltModuleCollection.Name)]
public sealed class FormatFileTests
{
    private readonly ModuleAssemblies _module;
    private readonly FormatFile _format = FormatFile.Load(BuiltModule.PathOf("TelnyxNet.Format.ps1xml"));

    public FormatFileTests(ModuleAssemblies module) => _module = module;

    [Fact]
    public void Every_engine_output_type_has_a_table_view() =>
        Problems.None(_module.EngineOutputTypes
            .Where(t => !_format.Views.Any(v => v.IsTable && v.TypeNames.Contains(t.FullName!, StringComparer.Ordinal)))
            .Select(t => t.FullName + " has no table view in TelnyxNet.Format.ps1xml"));

    [Fact]
    public void Every_view_is_for_an_existing_public_engine_type() =>
        Problems.None(_format.Views.SelectMany(v => v.TypeNames).Select(Undeserialized).Where(n => _module.Engine.GetType(n)?.IsPublic != true).Select(n => n + " is not a public engine type"));

    /// <summary>Results that come back from Start-Job, Invoke-Command or ForEach-Object -Parallel are Deserialized.* objects: they keep their view.</summary>
    [Fact]
    public void Every_view_also_selects_the_deserialized_twin_of_its_type() =>
        Problems.None(_format.Views
            .SelectMany(v => v.TypeNames.Where(n => !n.StartsWith(Deserialized, StringComparison.Ordinal)).Where(n => !v.TypeNames.Contains(Deserialized + n, StringComparer.Ordinal)).Select(n => v.Name + " lacks " + Deserialized + n)));

    /// <summary>Every column of every table has a width, except that the last may take the rest, and the widths with one space between columns fit 80.</summary>
    [Fact]
    public void Every_table_fits_80_columns() =>
        Problems.None(_format.Views.Where(v => v.IsTable)
            .Where(v => v.Widths.Take(v.Widths.Count - 1).Any(w => w is null) || v.Widths.Sum(w => w ?? MinimumLastColumn) + v.Widths.Count - 1 > 80)
            .Select(v => v.Name + ": widths " + string.Join("+", v.Widths.Select(w => w?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "rest"))));

    /// <summary>Probe results' tables show Status and FailureReason (the reason is the point of the tool; never cut it for another column).</summary>
    [Fact]
    public void Every_probe_result_table_shows_Status_and_FailureReason() =>
        Problems.None(_format.Views.Where(v => v.IsTable)
            .Where(v => v.TypeNames.Select(n => _module.Engine.GetType(Undeserialized(n))).OfType<Type>().Any(t => t.GetProperty("FailureReason") != null))
            .Where(v => !v.Headers.Contains("Status") || !v.Headers.Contains("FailureReason") || v.Widths[v.Headers.ToList().IndexOf("FailureReason")] is int w && w < 13)
            .Select(v => v.Name));

    [Fact]
    public void Every_table_column_reads_a_property_of_its_type()
    {
        var problems = new List<string>();
        foreach (var view in _format.Views)
        {
            foreach (var type in view.TypeNames.Select(n => _module.Engine.GetType(Undeserialized(n))).OfType<Type>())
            {
                var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(view.PropertyNames.Concat(view.ScriptBlockProperties)
                    .Where(p => !properties.Contains(p))
                    .Select(p => view.Name + ": " + type.Name + " has no property " + p));
            }
        }

        Problems.None(problems);
    }

    [Fact]
    public void Every_table_has_one_header_per_column_and_at_most_eight_columns() =>
        Problems.None(_format.Views
            .Where(v => v.IsTable && (v.HeaderCount != v.ColumnCount || v.ColumnCount == 0 || v.ColumnCount > 8))
            .Select(v => v.Name + ": " + v.HeaderCount + " headers, " + v.ColumnCount + " columns"));

    [Fact]
    public void Every_view_is_named_for_its_type() =>
        Problems.None(_format.Views.Where(v => !v.TypeNames.Contains(v.Name, StringComparer.Ordinal)).Select(v => v.Name));

    private const string Deserialized = "Deserialized.";

    /// <summary>The room a last column without a width needs at least.</summary>
    private const int MinimumLastColumn = 8;

    private static string Undeserialized(string typeName) =>
        typeName.StartsWith(Deserialized, StringComparison.Ordinal) ? typeName.Substring(Deserialized.Length) : typeName;
}
