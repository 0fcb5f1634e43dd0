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
        Problems.None(_format.Views.SelectMany(v => v.TypeNames).Where(n => _module.Engine.GetType(n)?.IsPublic != true).Select(n => n + " is not a public engine type"));

    [Fact]
    public void Every_table_column_reads_a_property_of_its_type()
    {
        var problems = new List<string>();
        foreach (var view in _format.Views)
        {
            foreach (var type in view.TypeNames.Select(n => _module.Engine.GetType(n)).OfType<Type>())
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
}
