using System.Diagnostics;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// TURN from the lab's client namespace, in this process with every socket (control, stream and
/// the relay check's peer) opened in that namespace: the relay through a real NAT, and the verdicts
/// that tell a UDP-blocked network from a rejecting one.
/// </summary>
[Trait("Category", "Lab")]
public sealed class TurnLabTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("EndpointIndependentNat")]
    [InlineData("SymmetricNat")]
    public async Task Relays_both_ways_for_a_client_behind_a_NAT(string scenario)
    {
        await using var lab = await LabStart.WithCoturnAsync(scenario == "SymmetricNat" ? Scenario.SymmetricNat : Scenario.EndpointIndependentNat);

        var result = Assert.Single(await RunAsync(lab, "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort));

        TurnRun.AssertRelayed(result);
        Assert.Equal(NetworkLab.NatPublicAddress, result.MappedAddress);
        Assert.Equal(NetworkLab.ClientAddress, result.LocalAddress);
        Assert.Equal(NetworkLab.ServerAddress, result.RelayedAddress);
        Assert.DoesNotContain("second allocation", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tells_UDP_blocked_apart_and_proves_TURN_over_TCP_443_relays()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.UdpBlocked);
        var watch = Stopwatch.StartNew();

        var results = await RunAsync(
            lab,
            "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=udp",
            "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=tcp",
            "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.WebPort + "?transport=tcp");

        Assert.True(watch.Elapsed < Timeout + Grace, "took " + watch.Elapsed);
        TurnRun.AssertFailed(results[0], FailureReason.Timeout);
        Assert.False(results[0].ServerReachable);
        Assert.Contains("TCP/443 to turn.telnyx.com", results[0].Remediation, StringComparison.Ordinal);
        TurnRun.AssertFailed(results[1], FailureReason.Timeout);
        TurnRun.AssertRelayed(results[2]);
        Assert.Contains("second allocation", results[2].Message, StringComparison.Ordinal);
        Assert.True(TurnAllocationProbe.Passed(results));
    }

    [Fact]
    public async Task Reports_refused_at_once_when_the_firewall_rejects_UDP_3478()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.PortRejected(LabProtocol.Udp, NetworkLab.StunPort));
        var watch = Stopwatch.StartNew();

        var result = Assert.Single(await RunAsync(lab, "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort));

        TurnRun.AssertFailed(result, FailureReason.Refused);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1) + Grace, "took " + watch.Elapsed);
    }

    private static Task<IReadOnlyList<TurnAllocationResult>> RunAsync(NetworkLab lab, params string[] servers) =>
        TurnAllocationProbe.RunAsync(
            new TurnAllocationOptions
            {
                Servers = servers.Select(s => TurnRun.Server(s)).ToList(),
                Credential = TurnCredential.FromPassword(NetworkLab.TurnUsername, Support.Secrets.Secure(NetworkLab.TurnPassword)),
                Timeout = Timeout,
                OpenDatagramSocket = lab.OpenClientDatagramSocket,
                OpenStreamSocket = family => lab.Client.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp),
                OpenPeerSocket = family => UnconnectedUdpSocket.Bind(lab.Client.OpenSocket(family, SocketType.Dgram, ProtocolType.Udp)),
            },
            null,
            null,
            CancellationToken.None);
}
