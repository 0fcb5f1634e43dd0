using System.Reflection;
using System.Text.RegularExpressions;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>Test-TelnyxTurn's own contract: parameters, sets, output types, error ids, defaults in its help, its table view.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class TestTelnyxTurnContractTests
{
    private const string Name = "Test-TelnyxTurn";
    private readonly ModuleAssemblies _module;
    private readonly CmdletMetadata _turn;

    public TestTelnyxTurnContractTests(ModuleAssemblies module)
    {
        _module = module;
        _turn = Assert.Single(module.Cmdlets, c => c.Name == Name);
    }

    private string Help => File.ReadAllText(CmdletHelpTests.HelpPath(_turn));

    [Fact]
    public void Is_the_TestTelnyxTurnCommand_class_with_a_Result_and_a_Quiet_set()
    {
        Assert.Equal("TelnyxNet.Commands.TestTelnyxTurnCommand", _turn.Type.FullName);
        Assert.Equal("Result", _turn.DefaultParameterSetName);
        Assert.Equal(new[] { "Quiet", "Result" }, _turn.ParameterSets);
    }

    [Fact]
    public void Returns_TurnAllocationResult_objects_or_with_Quiet_a_bool()
    {
        Assert.Equal(2, _turn.OutputTypes.Count);
        Assert.Contains(_turn.OutputTypes, o => o.TypeName == "TelnyxNet.Engine.Probes.TurnAllocationResult" && o.ParameterSets.SequenceEqual(new[] { "Result" }));
        Assert.Contains(_turn.OutputTypes, o => o.TypeName == "System.Boolean" && o.ParameterSets.SequenceEqual(new[] { "Quiet" }));
    }

    [Theory]
    [InlineData("Server", "System.Object[]")]
    [InlineData("Transport", "TelnyxNet.Engine.Transport.TransportProtocol[]")]
    [InlineData("Credential", "System.Management.Automation.PSCredential")]
    [InlineData("SharedSecret", "System.Security.SecureString")]
    [InlineData("Username", "System.String")]
    [InlineData("AddressFamily", "TelnyxNet.Engine.Dns.AddressFamilyPreference")]
    [InlineData("TimeoutSeconds", "System.Int32")]
    [InlineData("SkipRelayCheck", "System.Management.Automation.SwitchParameter")]
    [InlineData("Quiet", "System.Management.Automation.SwitchParameter")]
    public void Declares_the_parameter_with_its_type(string parameter, string type) =>
        Assert.Equal(type, Assert.Single(_turn.Parameters, p => p.Name == parameter).Type.FullName);

    [Fact]
    public void Declares_no_other_parameters() =>
        Assert.Equal(
            new[] { "AddressFamily", "Credential", "Quiet", "Server", "SharedSecret", "SkipRelayCheck", "ThrottleLimit", "TimeoutSeconds", "Transport", "Username" },
            _turn.Parameters.Select(p => p.Name));

    [Fact]
    public void Takes_servers_like_Test_TelnyxStun_at_position_0_whole_objects_by_value()
    {
        var stun = Assert.Single(_module.Cmdlets, c => c.Name == "Test-TelnyxStun").Parameters.Single(p => p.Name == "Server");
        var server = Assert.Single(_turn.Parameters, p => p.Name == "Server");
        Assert.Equal(new ParameterBinding(CmdletMetadata.AllParameterSets, false, 0, true, false), Assert.Single(server.Bindings));
        Assert.Equal(stun.Aliases, server.Aliases);
        Assert.Equal(new[] { "Uri", "Urls" }, server.Aliases);
    }

    [Fact]
    public void Only_Quiet_is_mandatory_and_only_in_its_own_set() =>
        Assert.Equal(
            new[] { "Quiet in Quiet" },
            _turn.Parameters.SelectMany(p => p.Bindings.Where(b => b.Mandatory).Select(b => p.Name + " in " + b.ParameterSetName)));

    [Fact]
    public void Filters_transports_with_an_array_of_Udp_Tcp_Tls() =>
        Assert.Equal(new[] { "Udp", "Tcp", "Tls" }, Assert.Single(_turn.Parameters, p => p.Name == "Transport").AcceptedValues);

    [Fact]
    public void Credential_prompts_for_the_password_when_given_a_user_name() =>
        Assert.True(Assert.Single(_turn.Parameters, p => p.Name == "Credential").IsCredential, "-Credential should carry [Credential] so that '-Credential alice' prompts");

    [Fact]
    public void Bounds_TimeoutSeconds_at_1_to_600() =>
        Assert.Equal(("1", "600"), Assert.Single(_turn.Parameters, p => p.Name == "TimeoutSeconds").Range);

    [Theory]
    [InlineData("InvalidServer")]
    [InlineData("ConflictingCredentials")]
    [InlineData("InvalidCredential")]
    [InlineData("EngineFailure")]
    public void Documents_each_of_its_error_ids_fully_qualified(string errorId)
    {
        Assert.Contains(errorId, _module.ErrorIds);
        Assert.Contains(errorId + "," + _turn.Type.FullName, Help, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_states_the_defaults_the_engine_uses()
    {
        var endpoints = _module.Engine.GetType("TelnyxNet.Engine.Diagnosis.TelnyxEndpoints", throwOnError: true)!;
        var restName = (string)endpoints.GetField("TurnRestName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
        var help = MarkdownDocument.Load(CmdletHelpTests.HelpPath(_turn)).Root.Child(Name)!.Child("PARAMETERS")!;
        Assert.Contains("Default value: " + restName, help.Child("-Username")!.CodeBlocks.Single().Text, StringComparison.Ordinal);
        Assert.Contains("1 hour", help.Child("-SharedSecret")!.Text, StringComparison.Ordinal);
        Assert.Contains("Default value: 10", help.Child("-TimeoutSeconds")!.CodeBlocks.Single().Text, StringComparison.Ordinal);
        Assert.Contains("turn.telnyx.com over UDP 3478, TCP 3478, TCP 443 and TLS 443", help.Child("-Server")!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_says_the_secret_never_appears_and_names_the_credential_sources()
    {
        foreach (var source in new[] { "Default", "Credential", "SharedSecret" })
        {
            Assert.Contains("`" + source + "`", Help, StringComparison.Ordinal);
        }

        Assert.Contains("never the password or the secret", Regex.Replace(Help, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_view_shows_the_five_columns_an_administrator_reads_first()
    {
        var view = Assert.Single(FormatFile.Load(BuiltModule.PathOf("TelnyxNet.Format.ps1xml")).Views, v => v.Name == "TelnyxNet.Engine.Probes.TurnAllocationResult");
        Assert.True(view.IsTable);
        Assert.Equal(new[] { "Server", "Proto", "Status", "FailureReason", "RelayedAddress" }, view.Headers);
    }

    [Fact]
    public void The_Pester_tests_run_it_against_a_coturn_they_start()
    {
        var pester = File.ReadAllText(Path.Combine(BuiltModule.PesterDirectory, Name + ".Tests.ps1"));
        Assert.Contains("Start-TestCoturn", pester, StringComparison.Ordinal);
        Assert.Contains("Stop-TestCoturn", pester, StringComparison.Ordinal);
        Assert.Contains("'InvalidServer,TelnyxNet.Commands.TestTelnyxTurnCommand'", pester, StringComparison.Ordinal);
    }
}
