using System.Text.Json;
using TelnyxNet.Module.Tests.Support;

namespace TelnyxNet.Module.Tests;

/// <summary>The contract of Test-TelnyxSignaling, Get-TelnyxEndpoint and Test-TelnyxFirewall: their sets, their catalog, their views.</summary>
[Collection(BuiltModuleCollection.Name)]
public sealed class SignalingContractTests
{
    private readonly ModuleAssemblies _module;

    public SignalingContractTests(ModuleAssemblies module) => _module = module;

    private CmdletMetadata Cmdlet(string name) => Assert.Single(_module.Cmdlets, c => c.Name == name);

    [Fact]
    public void The_Region_values_are_the_regional_signaling_hosts_of_the_embedded_catalog()
    {
        using var resource = _module.Engine.GetManifestResourceStream("TelnyxNet.Engine.Diagnosis.EndpointCatalog.json");
        Assert.NotNull(resource);
        using var catalog = JsonDocument.Parse(resource!);
        var regions = catalog.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("Service").GetString() == "Signaling" && r.GetProperty("Environment").GetString() == "Production")
            .Select(r => r.GetProperty("Host").GetString()!)
            .Where(h => h.EndsWith(".rtc.telnyx.com", StringComparison.Ordinal))
            .Select(h => h.Substring(0, h.Length - ".rtc.telnyx.com".Length))
            .ToList();

        Assert.Equal(regions, Assert.Single(Cmdlet("Test-TelnyxSignaling").Parameters, p => p.Name == "Region").AcceptedValues);
    }

    [Fact]
    public void The_test_cmdlets_have_a_Result_and_a_Quiet_set_and_Get_TelnyxEndpoint_one()
    {
        Assert.Equal(new[] { "Quiet", "Result" }, Cmdlet("Test-TelnyxSignaling").ParameterSets);
        Assert.Equal(new[] { "Quiet", "Result" }, Cmdlet("Test-TelnyxFirewall").ParameterSets);
        Assert.Equal(new[] { CmdletMetadata.AllParameterSets }, Cmdlet("Get-TelnyxEndpoint").ParameterSets);
        Assert.Equal("Result", Cmdlet("Test-TelnyxFirewall").DefaultParameterSetName);
    }

    [Fact]
    public void Secrets_come_as_credentials_and_the_firewall_takes_catalog_rows_from_the_pipeline()
    {
        Assert.All(new[] { "Test-TelnyxSignaling", "Test-TelnyxFirewall" }, name =>
            Assert.True(Assert.Single(Cmdlet(name).Parameters, p => p.Name == "ProxyCredential").IsCredential, name));
        Assert.True(Assert.Single(Cmdlet("Test-TelnyxFirewall").Parameters, p => p.Name == "TurnCredential").IsCredential);
        var endpoint = Assert.Single(Cmdlet("Test-TelnyxFirewall").Parameters, p => p.Name == "Endpoint");
        Assert.Equal("TelnyxNet.Engine.Diagnosis.TelnyxEndpoint[]", endpoint.Type.FullName);
        Assert.True(endpoint.AcceptsPipelineInput);
    }

    [Theory]
    [InlineData("TelnyxNet.Engine.Probes.SignalingResult", new[] { "Uri", "Status", "FailureReason", "HeldS", "PingMs" })]
    [InlineData("TelnyxNet.Engine.Diagnosis.TelnyxEndpoint", new[] { "Service", "Protocol", "Port", "Host", "Required", "Purpose" })]
    [InlineData("TelnyxNet.Engine.Diagnosis.FirewallRuleResult", new[] { "Service", "Rule", "Server", "Verdict", "Status", "FailureReason" })]
    public void The_table_views_show_the_columns_an_administrator_reads_first(string type, string[] headers)
    {
        var view = Assert.Single(FormatFile.Load(BuiltModule.PathOf("TelnyxNet.Format.ps1xml")).Views, v => v.Name == type);
        Assert.Equal(headers, view.Headers);
    }
}
