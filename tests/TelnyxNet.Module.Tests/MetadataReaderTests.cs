using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>The metadata reader sees what Test-TelnyxStun's source declares, so the contract tests cannot pass vacuously.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class MetadataReaderTests
{
    private readonly CmdletMetadata _stun;
    private readonly ModuleAssemblies _module;

    public MetadataReaderTests(ModuleAssemblies module)
    {
        _module = module;
        _stun = Assert.Single(module.Cmdlets, c => c.Name == "Test-TelnyxStun");
    }

    [Fact]
    public void Reads_the_cmdlet_attribute_and_parameter_sets()
    {
        Assert.Equal("TelnyxNet.Commands.TestTelnyxStunCommand", _stun.Type.FullName);
        Assert.Equal("Result", _stun.DefaultParameterSetName);
        Assert.Equal(new[] { "Quiet", "Result" }, _stun.ParameterSets);
    }

    [Fact]
    public void Reads_the_output_types_per_parameter_set()
    {
        Assert.Contains(_stun.OutputTypes, o => o.TypeName == "TelnyxNet.Engine.Probes.StunBindingResult" && o.ParameterSets.SequenceEqual(new[] { "Result" }));
        Assert.Contains(_stun.OutputTypes, o => o.TypeName == "System.Boolean" && o.ParameterSets.SequenceEqual(new[] { "Quiet" }));
        Assert.Contains(_module.EngineOutputTypes, t => t.FullName == "TelnyxNet.Engine.Probes.StunBindingResult");
    }

    [Fact]
    public void Reads_position_pipeline_binding_and_aliases()
    {
        var server = Assert.Single(_stun.Parameters, p => p.Name == "Server");
        var binding = Assert.Single(server.Bindings);
        Assert.Equal(new ParameterBinding(CmdletMetadata.AllParameterSets, false, 0, true, false), binding);
        Assert.Equal(new[] { "Uri", "Urls" }, server.Aliases);
        Assert.Equal("Object[]", server.TypeName);
    }

    [Fact]
    public void Reads_mandatory_switches_in_their_own_set()
    {
        var quiet = Assert.Single(_stun.Parameters, p => p.Name == "Quiet");
        Assert.True(quiet.IsSwitch);
        Assert.Equal(new ParameterBinding("Quiet", true, null, false, false), Assert.Single(quiet.Bindings));
        Assert.DoesNotContain(_stun.ParametersIn("Result"), p => p.Parameter.Name == "Quiet");
        Assert.Contains(_stun.ParametersIn("Quiet"), p => p.Parameter.Name == "Server");
    }

    [Fact]
    public void Reads_validation_ranges_and_enum_values()
    {
        Assert.Equal(("1", "600"), Assert.Single(_stun.Parameters, p => p.Name == "TimeoutSeconds").Range);
        Assert.Equal(("1", "1000"), Assert.Single(_stun.Parameters, p => p.Name == "Count").Range);
        Assert.Equal(new[] { "Udp", "Tcp", "Tls" }, Assert.Single(_stun.Parameters, p => p.Name == "Transport").AcceptedValues);
        Assert.Equal(new[] { "Any", "IPv4", "IPv6" }, Assert.Single(_stun.Parameters, p => p.Name == "AddressFamily").AcceptedValues);
    }

    [Fact]
    public void Reads_the_error_id_constants() =>
        Assert.Equal(new[] { "ConflictingCatalog", "ConflictingCredentials", "ConflictingProxySettings", "EngineFailure", "InvalidCatalog", "InvalidCredential", "InvalidDnsServer", "InvalidProxy", "InvalidReport", "InvalidServer", "InvalidStunServer", "InvalidUri", "NoReport", "ReportFileExists", "ReportNotWritten", "TransportConflict" }, _module.ErrorIds.Order(StringComparer.Ordinal));
}
