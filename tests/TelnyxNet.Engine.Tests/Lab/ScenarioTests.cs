namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>The scenario values themselves: names, equality and the bounds of their parameters (no lab needed, no root).</summary>
public sealed class ScenarioTests
{
    public static TheoryData<Scenario, string> Named => new()
    {
        { Scenario.Open, "Open" },
        { Scenario.EndpointIndependentNat, "EndpointIndependentNat" },
        { Scenario.SymmetricNat, "SymmetricNat" },
        { Scenario.UdpBlocked, "UdpBlocked" },
        { Scenario.PortDropped(LabProtocol.Udp, 3478), "PortDropped(udp, 3478)" },
        { Scenario.PortRejected(LabProtocol.Tcp, 443), "PortRejected(tcp, 443)" },
        { Scenario.Loss(0.05), "Loss(0.05)" },
        { Scenario.Impaired(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(10), 0.01), "Impaired(80 ms, 10 ms, 0.01)" },
        { Scenario.BandwidthCap(1_000_000), "BandwidthCap(1000000 bit/s)" },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public void Names_each_scenario_as_it_is_written(Scenario scenario, string name) => Assert.Equal(name, scenario.ToString());

    [Fact]
    public void Compares_scenarios_by_value()
    {
        Assert.Equal(Scenario.PortDropped(LabProtocol.Udp, 3478), Scenario.PortDropped(LabProtocol.Udp, 3478));
        Assert.NotEqual(Scenario.PortDropped(LabProtocol.Udp, 3478), Scenario.PortRejected(LabProtocol.Udp, 3478));
        Assert.NotEqual(Scenario.Loss(0.05, seed: 1), Scenario.Loss(0.05, seed: 2));
        Assert.NotEqual(Scenario.EndpointIndependentNat, Scenario.SymmetricNat);
    }

    [Fact]
    public void Rejects_parameters_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.PortDropped(LabProtocol.Udp, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.PortRejected(LabProtocol.Tcp, 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.Loss(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.Loss(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.Impaired(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.Impaired(TimeSpan.FromSeconds(11), TimeSpan.Zero, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Scenario.BandwidthCap(1000));
    }
}
