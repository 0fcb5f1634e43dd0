using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Ice;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// ICE gathering from the lab's client namespace, through a real NAT and firewall to a real
/// coturn: the candidates carry the lab's addresses, interfaces named like VPNs and container
/// bridges are classified by the real interface list, and the findings say what the seeds say.
/// </summary>
[Trait("Category", "Lab")]
public sealed class IceLabTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Gathers_host_srflx_and_relay_with_the_lab_addresses_behind_the_plain_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var run = await LabIce.GatherAsync(lab, Timeout);

        IceHarness.AssertWellFormed(run.Summary);
        var host = Assert.Single(run.OfType("host"));
        Assert.Equal((NetworkLab.ClientAddress, "v-cli", "Private"), (host.Address, host.Interface, host.AddressClass));
        var srflx = Assert.Single(run.OfType("srflx"));
        Assert.Equal((NetworkLab.NatPublicAddress, NetworkLab.ClientAddress, host.Port), (srflx.Address, srflx.RelatedAddress, srflx.RelatedPort));
        var relays = run.OfType("relay");
        Assert.Equal(new[] { "tcp", "udp" }, relays.Select(r => r.RelayProtocol).OrderBy(p => p));
        Assert.All(relays, r => Assert.Equal((NetworkLab.ServerAddress, NetworkLab.NatPublicAddress), (r.Address, r.RelatedAddress)));
        Assert.False(run.Summary.TimedOut);
        Assert.Equal(new[] { "ice_no_ipv6" }, run.Codes);
        Assert.True(IceGatheringProbe.Passed(run.Summary));
    }

    [Fact]
    public async Task Still_gathers_a_relay_and_requires_TURN_behind_the_symmetric_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.SymmetricNat);

        var run = await LabIce.GatherAsync(lab, Timeout);

        var srflx = run.OfType("srflx");
        Assert.Equal(2, srflx.Count);
        Assert.All(srflx, c => Assert.Equal(NetworkLab.NatPublicAddress, c.Address));
        Assert.NotEqual(srflx[0].Port, srflx[1].Port);
        Assert.NotEmpty(run.OfType("relay"));
        Assert.Contains("ice_turn_required", run.Codes);
        IceHarness.AssertWellFormed(run.Summary);
    }

    [Fact]
    public async Task Gathers_only_relay_candidates_over_TCP_when_UDP_is_blocked_and_says_so()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.UdpBlocked);

        var run = await LabIce.GatherAsync(lab, Timeout);

        Assert.Empty(run.OfType("srflx"));
        var relay = Assert.Single(run.OfType("relay"));
        Assert.Equal(("udp", "tcp", NetworkLab.ServerAddress), (relay.Protocol, relay.RelayProtocol, relay.Address));
        Assert.Contains("ice_udp_blocked", run.Codes);
        Assert.Contains("ice_turn_required", run.Codes);
        Assert.Contains("ice_gathering_timeout", run.Codes);
        Assert.Equal(3, run.Summary.Findings.Count(f => f.Code == "ice_server_no_candidates"));
    }

    [Fact]
    public async Task Classifies_VPN_and_Docker_interfaces_and_the_carrier_grade_NAT_outside()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);
        await lab.AddClientInterfaceAsync("wg0", "10.9.0.2/24");
        await lab.AddClientInterfaceAsync("tun0", "10.8.0.2/24");
        await lab.AddClientInterfaceAsync("docker0", "172.17.0.1/16");
        await lab.UseCarrierGradeNatAsync();

        var run = await LabIce.GatherAsync(lab, Timeout, LabIce.Servers[0]);

        var hosts = run.OfType("host").ToDictionary(c => c.Interface);
        Assert.Equal(("Vpn", "10.9.0.2"), (hosts["wg0"].AdapterKind, hosts["wg0"].Address));
        Assert.Equal("Vpn", hosts["tun0"].AdapterKind);
        Assert.Equal(("ContainerBridge", "Private", "172.17.0.1"), (hosts["docker0"].AdapterKind, hosts["docker0"].AddressClass, hosts["docker0"].Address));
        Assert.Equal("Physical", hosts["v-cli"].AdapterKind);
        var srflx = Assert.Single(run.OfType("srflx"), c => c.Interface == "v-cli");
        Assert.Equal((NetworkLabIce.CarrierGradeNatAddress, "Cgnat"), (srflx.Address, srflx.AddressClass));
        Assert.Equal(new[] { "tun0", "wg0" }, run.Summary.Findings.Where(f => f.Code == "ice_vpn_detected").Select(f => f.Subject).OrderBy(s => s));
        Assert.Equal("docker0", Assert.Single(run.Summary.Findings, f => f.Code == "ice_container_bridge").Subject);
        Assert.Equal(NetworkLabIce.CarrierGradeNatAddress, Assert.Single(run.Summary.Findings, f => f.Code == "ice_cgnat").Subject);
        Assert.Contains("ice_multiple_interfaces", run.Codes);
    }

    [Fact]
    public async Task Gathers_an_IPv6_host_candidate_on_a_unique_local_address_and_none_on_loopback_only()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);
        var loopbackOnly = await LabIce.GatherAsync(lab, Timeout, LabIce.Servers[0]);
        await lab.AddClientIpv6Async();

        var ula = await LabIce.GatherAsync(lab, Timeout, LabIce.Servers[0]);

        Assert.DoesNotContain(loopbackOnly.OfType("host"), c => c.Address.Contains(':', StringComparison.Ordinal));
        Assert.Contains("ice_no_ipv6", loopbackOnly.Codes);
        var v6 = Assert.Single(ula.OfType("host"), c => c.Address.Contains(':', StringComparison.Ordinal));
        Assert.Equal((NetworkLabIce.ClientUlaAddress, "Ula", "v-cli"), (v6.Address, v6.AddressClass, v6.Interface));
        Assert.DoesNotContain("ice_no_ipv6", ula.Codes);
        IceHarness.AssertWellFormed(ula.Summary);
    }
}
