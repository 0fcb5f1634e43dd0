namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>NAT behaviour discovery (RFC 5780 against coturn on 203.0.113.10 and .11) through each of the lab's NATs and firewalls.</summary>
[Trait("Category", "Lab")]
public sealed class NatLabTests
{
    [Fact]
    public async Task Finds_endpoint_independent_mapping_and_port_dependent_filtering_behind_the_plain_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var result = await LabIce.NatAsync(lab);

        Assert.True(result.Status == "Succeeded", result.Message);
        Assert.Equal(("EndpointIndependent", "AddressAndPortDependent", "Rfc5780"), (result.MappingBehavior, result.FilteringBehavior, result.Method));
        Assert.Equal((NetworkLab.NatPublicAddress, NetworkLab.ClientAddress), (result.PublicAddress, result.LocalAddress));
        Assert.True(result.PortPreserved);
        Assert.False(result.MappingVariesByDestination);
        Assert.False(result.Hairpinning);
        Assert.Equal(new[] { "nat_no_hairpinning" }, result.Findings.Select(f => f.Code));
    }

    [Fact]
    public async Task Finds_address_and_port_dependent_mapping_behind_the_symmetric_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.SymmetricNat);

        var result = await LabIce.NatAsync(lab);

        Assert.Equal(("AddressAndPortDependent", "AddressAndPortDependent"), (result.MappingBehavior, result.FilteringBehavior));
        Assert.True(result.MappingVariesByDestination);
        Assert.False(result.PortPreserved);
        Assert.Contains("nat_symmetric", result.Findings.Select(f => f.Code));
        Assert.Contains("forceRelayCandidate", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_address_dependent_filtering_behind_the_address_dependent_firewall()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.AddressDependentFirewall);

        var result = await LabIce.NatAsync(lab);

        Assert.Equal(("NoNat", "AddressDependent"), (result.MappingBehavior, result.FilteringBehavior));
        Assert.Equal(NetworkLab.ClientAddress, result.PublicAddress);
        Assert.Contains(result.Evidence, e => e.Test.StartsWith("Filtering II (", StringComparison.Ordinal) && e.Outcome == "NoAnswer");
        Assert.Contains(result.Evidence, e => e.Test.StartsWith("Filtering III (", StringComparison.Ordinal) && e.Outcome == "Answered");
    }

    [Fact]
    public async Task Finds_no_NAT_and_open_filtering_on_the_open_network()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Open);

        var result = await LabIce.NatAsync(lab);

        Assert.Equal(("NoNat", "EndpointIndependent"), (result.MappingBehavior, result.FilteringBehavior));
        Assert.Empty(result.Findings);
    }

    /// <summary>
    /// The probe idles 1, 2, 4 and 8 s; the NAT forgets after 6 s, 2 s from the steps on either
    /// side, so a loaded machine's late answers (which lengthen an idle time a little) cannot move
    /// the figure: 4 s lived, 8 s did not.
    /// </summary>
    [Fact]
    public async Task Measures_a_short_binding_lifetime_when_the_NAT_forgets_idle_mappings()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);
        await lab.ShortenUdpMappingsAsync(6);

        var result = await LabIce.NatAsync(lab, measureLifetime: true, lifetimeLimit: TimeSpan.FromSeconds(8));

        Assert.Equal(4, result.BindingLifetimeSeconds);
        Assert.Contains("nat_short_binding_lifetime", result.Findings.Select(f => f.Code));
    }
}
