using System.Reflection;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>Rule 3 of the design: output types are public, sealed, immutable, in the engine.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class OutputTypeTests
{
    private const BindingFlags PublicInstance = BindingFlags.Public | BindingFlags.Instance;
    private readonly ModuleAssemblies _module;

    public OutputTypeTests(ModuleAssemblies module) => _module = module;

    [Fact]
    public void Some_cmdlet_returns_an_engine_type() => Assert.NotEmpty(_module.EngineOutputTypes);

    [Fact]
    public void Engine_output_types_are_sealed_top_level_classes() =>
        Problems.None(_module.EngineOutputTypes.Where(t => !t.IsClass || !t.IsSealed || t.IsNested).Select(t => t.FullName));

    [Fact]
    public void Engine_output_types_live_in_the_engine_namespaces() =>
        Problems.None(_module.EngineOutputTypes.Where(t => t.Namespace?.StartsWith("TelnyxNet.Engine", StringComparison.Ordinal) != true).Select(t => t.FullName));

    [Fact]
    public void Engine_output_types_have_no_public_setters() =>
        Problems.None(_module.EngineOutputTypes
            .SelectMany(t => t.GetProperties(PublicInstance).Where(p => p.SetMethod?.IsPublic == true).Select(p => t.Name + "." + p.Name)));

    [Fact]
    public void Engine_output_types_have_no_public_writable_fields() =>
        Problems.None(_module.EngineOutputTypes
            .SelectMany(t => t.GetFields(PublicInstance).Where(f => !f.IsInitOnly).Select(f => t.Name + "." + f.Name)));

    [Fact]
    public void Engine_output_types_have_no_public_constructor() =>
        Problems.None(_module.EngineOutputTypes.Where(t => t.GetConstructors(PublicInstance).Length > 0).Select(t => t.FullName));

    [Fact]
    public void Engine_output_types_lead_with_flat_properties_that_Export_Csv_can_write()
    {
        var flat = new HashSet<string>(StringComparer.Ordinal) { "System.String", "System.Int32", "System.Int64", "System.Double", "System.Boolean", "System.DateTimeOffset", "System.TimeSpan" };
        bool IsFlat(Type type)
        {
            var underlying = type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : type;
            return underlying.IsEnum || flat.Contains(underlying.FullName ?? string.Empty);
        }

        Problems.None(_module.EngineOutputTypes
            .Select(t => (Type: t, First: t.GetProperties(PublicInstance).FirstOrDefault()))
            .Where(x => x.First is null || !IsFlat(x.First.PropertyType))
            .Select(x => x.Type.FullName + " does not start with a scalar property"));
    }
}
