using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>Test-TelnyxSip's own contract: parameters, sets, output types, error ids, its table view, its Pester file.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class TestTelnyxSipContractTests
{
    private const string Name = "Test-TelnyxSip";
    private readonly ModuleAssemblies _module;
    private readonly CmdletMetadata _sip;

    public TestTelnyxSipContractTests(ModuleAssemblies module)
    {
        _module = module;
        _sip = Assert.Single(module.Cmdlets, c => c.Name == Name);
    }

    [Fact]
    public void Returns_SipOptionsResult_objects_or_with_Quiet_a_bool()
    {
        Assert.Equal(new[] { "Quiet", "Result" }, _sip.ParameterSets);
        Assert.Contains(_sip.OutputTypes, o => o.TypeName == "TelnyxNet.Engine.Probes.SipOptionsResult" && o.ParameterSets.SequenceEqual(new[] { "Result" }));
        Assert.Contains(_sip.OutputTypes, o => o.TypeName == "System.Boolean" && o.ParameterSets.SequenceEqual(new[] { "Quiet" }));
    }

    [Theory]
    [InlineData("Server", "System.String[]")]
    [InlineData("Region", "TelnyxNet.Engine.Diagnosis.SipRegion[]")]
    [InlineData("Transport", "TelnyxNet.Engine.Transport.TransportProtocol[]")]
    [InlineData("DnsServer", "System.String[]")]
    [InlineData("AddressFamily", "TelnyxNet.Engine.Dns.AddressFamilyPreference")]
    [InlineData("TimeoutSeconds", "System.Int32")]
    [InlineData("Quiet", "System.Management.Automation.SwitchParameter")]
    public void Declares_the_parameter_with_its_type(string parameter, string type) =>
        Assert.Equal(type, Assert.Single(_sip.Parameters, p => p.Name == parameter).Type.FullName);

    [Fact]
    public void Declares_no_other_parameters() =>
        Assert.Equal(new[] { "AddressFamily", "DnsServer", "Quiet", "Region", "Server", "StunServer", "ThrottleLimit", "TimeoutSeconds", "Transport" }, _sip.Parameters.Select(p => p.Name));

    [Fact]
    public void Takes_servers_like_the_other_probes_at_position_0_by_value_and_by_property_name()
    {
        var server = Assert.Single(_sip.Parameters, p => p.Name == "Server");
        Assert.Equal(new ParameterBinding(CmdletMetadata.AllParameterSets, false, 0, true, true), Assert.Single(server.Bindings));
        Assert.Equal(new[] { "ComputerName", "Uri", "Urls" }, server.Aliases);
        Assert.Equal(new[] { "Us", "Eu", "Ca", "Au" }, Assert.Single(_sip.Parameters, p => p.Name == "Region").AcceptedValues);
    }

    [Theory]
    [InlineData("InvalidServer")]
    [InlineData("InvalidDnsServer")]
    [InlineData("EngineFailure")]
    public void Documents_each_of_its_error_ids_fully_qualified(string errorId)
    {
        Assert.Contains(errorId, _module.ErrorIds);
        Assert.Contains(errorId + "," + _sip.Type.FullName, File.ReadAllText(CmdletHelpTests.HelpPath(_sip)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_view_shows_the_columns_an_administrator_reads_first()
    {
        var view = Assert.Single(FormatFile.Load(BuiltModule.PathOf("TelnyxNet.Format.ps1xml")).Views, v => v.Name == "TelnyxNet.Engine.Probes.SipOptionsResult");
        Assert.Equal(new[] { "Address", "Proto", "Status", "FailureReason", "Code", "RTTms", "ALG", "ReceivedAddress" }, view.Headers);
    }

    [Fact]
    public void The_Pester_tests_run_it_against_a_kamailio_they_start()
    {
        var pester = File.ReadAllText(Path.Combine(BuiltModule.PesterDirectory, Name + ".Tests.ps1"));
        Assert.Contains("Start-TestKamailio", pester, StringComparison.Ordinal);
        Assert.Contains("Stop-TestKamailio", pester, StringComparison.Ordinal);
        Assert.Contains("'InvalidServer,TelnyxNet.Commands.TestTelnyxSipCommand'", pester, StringComparison.Ordinal);
    }
}
