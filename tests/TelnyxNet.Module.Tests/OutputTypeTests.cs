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

    /// <summary>DESIGN.md rule 11: probe results (those with a Status) lead with the shared columns and end with Message, Remediation, Timestamp.</summary>
    [Fact]
    public void Probe_results_lead_with_the_shared_columns_and_end_with_message_remediation_timestamp()
    {
        var leading = new[] { "ComputerName", "Server", "Port", "Transport", "Status", "FailureReason" };
        var trailing = new[] { "Message", "Remediation", "Timestamp" };
        var probeResults = _module.EngineOutputTypes.Where(t => t.GetProperty("Status", PublicInstance) != null).ToList();
        Assert.NotEmpty(probeResults);
        Problems.None(probeResults
            .Select(t => (Type: t, Names: t.GetProperties(PublicInstance).Select(p => p.Name).ToList()))
            .Where(x => !x.Names.Take(leading.Length).SequenceEqual(leading) || !x.Names.Skip(x.Names.Count - trailing.Length).SequenceEqual(trailing))
            .Select(x => x.Type.Name + ": " + string.Join(", ", x.Names)));
    }

    [Fact]
    public void Probe_results_implement_the_shared_interface() =>
        Problems.None(_module.EngineOutputTypes
            .Where(t => t.GetProperty("Status", PublicInstance) != null)
            .Where(t => !t.GetInterfaces().Any(i => i.FullName == "TelnyxNet.Engine.Diagnosis.IProbeResult"))
            .Select(t => t.FullName));

    /// <summary>Names are strings on the public surface, so that ConvertTo-Json writes names on 5.1 and 7 (see IProbeResult).</summary>
    [Fact]
    public void Engine_output_types_expose_no_enum_properties() =>
        Problems.None(_module.EngineOutputTypes
            .SelectMany(t => t.GetProperties(PublicInstance).Where(p => (UnderlyingNullable(p.PropertyType) ?? p.PropertyType).IsEnum).Select(p => t.Name + "." + p.Name)));

    /// <summary>Output types that describe no machine (catalog data), so carry no ComputerName.</summary>
    private static readonly HashSet<string> MachineIndependent = new(StringComparer.Ordinal) { "TelnyxNet.Engine.Diagnosis.TelnyxEndpoint" };

    [Fact]
    public void Every_engine_output_type_says_which_machine_produced_it_first() =>
        Problems.None(_module.EngineOutputTypes
            .Where(t => !MachineIndependent.Contains(t.FullName!))
            .Where(t => t.GetProperties(PublicInstance).FirstOrDefault() is not { Name: "ComputerName" } first || first.PropertyType.FullName != "System.String")
            .Select(t => t.FullName));

    private static Type? UnderlyingNullable(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1" ? type.GetGenericArguments()[0] : null;
}
