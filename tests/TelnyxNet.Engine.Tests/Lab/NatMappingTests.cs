using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// What the engine sees through each kind of NAT, in this process with sockets in the client
/// namespace: the mapped address, BehindNat, and whether one local port keeps one public port
/// for two server addresses (RFC 4787 §4.1 mapping behaviour, tested as RFC 5780 §4.3 does).
/// </summary>
[Trait("Category", "Lab")]
public sealed class NatMappingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly IPEndPoint Primary = new(IPAddress.Parse(NetworkLab.ServerAddress), NetworkLab.StunPort);
    private static readonly IPEndPoint Alternate = new(IPAddress.Parse(NetworkLab.AlternateServerAddress), NetworkLab.StunPort);

    public static TheoryData<Scenario, string, bool> MappedAddresses => new()
    {
        { Scenario.EndpointIndependentNat, NetworkLab.NatPublicAddress, true },
        { Scenario.Open, NetworkLab.ClientAddress, false },
    };

    [Theory]
    [MemberData(nameof(MappedAddresses))]
    public async Task Reports_the_address_the_server_sees_and_whether_a_NAT_translates(Scenario scenario, string mapped, bool behindNat)
    {
        await using var lab = await LabStart.WithCoturnAsync(scenario);

        var result = await LabProbe.UdpAsync(lab, LabProbe.At(NetworkLab.ServerAddress, NetworkLab.StunPort), 1, Timeout);

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(NetworkLab.ClientAddress, result.LocalAddress);
        Assert.Equal(mapped, result.MappedAddress);
        Assert.Equal(behindNat, result.BehindNat);
    }

    [Fact]
    public async Task Keeps_one_mapped_port_for_two_server_addresses_behind_an_endpoint_independent_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var (first, second) = await MapTwiceAsync(lab);

        Assert.Equal(IPAddress.Parse(NetworkLab.NatPublicAddress), first.Address);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Gives_each_server_address_a_different_mapped_port_behind_a_symmetric_NAT()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.SymmetricNat);

        var (first, second) = await MapTwiceAsync(lab);

        Assert.Equal(IPAddress.Parse(NetworkLab.NatPublicAddress), first.Address);
        Assert.Equal(first.Address, second.Address);
        Assert.NotEqual(first.Port, second.Port);
    }

    /// <summary>One local port in the client namespace asks 203.0.113.10 and then 203.0.113.11 where it comes from.</summary>
    private static async Task<(IPEndPoint First, IPEndPoint Second)> MapTwiceAsync(NetworkLab lab)
    {
        using var client = new StunUdpClient(UnconnectedUdpSocket.Bind(lab.Client.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)), SystemClock.Instance);
        var first = await MappedAsync(client, Primary);
        var second = await MappedAsync(client, Alternate);
        return (first, second);
    }

    private static async Task<IPEndPoint> MappedAsync(StunUdpClient client, IPEndPoint server)
    {
        var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();
        var outcome = await client.ExecuteAsync(request, server, RetransmissionPolicy.Default, Timeout, CancellationToken.None);
        return outcome.Response.MappedEndPoint ?? throw new Xunit.Sdk.XunitException("No mapped address from " + server);
    }
}
