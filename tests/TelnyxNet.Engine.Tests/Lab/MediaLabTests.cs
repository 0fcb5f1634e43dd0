using System.Globalization;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration.Media;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The media path from the lab's client namespace, every socket (control, stream, peer) opened
/// there: through the seeded impairment relay, whose record of every packet is the truth the
/// measurement is held to (the counts exactly; delays can only be longer than the relay's holds),
/// and behind a firewall that lets only TCP 443 out.
/// </summary>
[Trait("Category", "Lab")]
[Collection(LabTimingCollection.Name)]
public sealed class MediaLabTests
{
    private static readonly string[] LabServers =
    {
        "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=udp",
        "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort + "?transport=tcp",
        "turn:" + NetworkLab.ServerAddress + ":" + NetworkLab.WebPort + "?transport=tcp",
    };

    [Fact]
    public async Task Impaired_200_ms_40_ms_3_percent_gives_the_SDKs_codes_with_loss_and_reordering_exactly_the_relays()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(40), 0.03));

        var result = await RunAsync(lab, TimeSpan.FromSeconds(5));
        var truth = RtpTruth.Of(lab.Relay!.Records, uint.Parse(result.Ssrc.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(nameof(TransportProtocol.Udp), result.Transport);
        Assert.Equal("LocalUdp", result.Peer);
        Assert.Equal(250, result.PacketsSent);

        // The relay saw every packet sent; what it dropped is exactly what the peer missed, and nothing else was lost.
        Assert.Equal(result.PacketsSent, truth.Packets.Count);
        Assert.Equal(truth.Dropped, result.Outbound!.Sent - result.Outbound.Received);
        Assert.Equal(Math.Round(truth.LossPercent, 2), result.Outbound.LossPercent);
        Assert.Equal(0, result.Inbound!.Sent - result.Inbound.Received);
        Assert.Equal(result.Outbound.LossPercent, result.LossPercent);
        Assert.Equal(truth.Reordered, result.Outbound.Reordered);

        // No packet can be faster than the relay held it; the path adds to the hold, never takes from it.
        Assert.True(result.Outbound.MinDelayMs >= truth.Forwarded.Min(p => p.HoldMs), MediaRun.Describe(result));
        Assert.True(result.RoundTripTimeMs >= truth.MeanHoldMs, MediaRun.Describe(result));
        Assert.Equal(result.Outbound.DelayMs, result.RoundTripTimeMs);

        // The SDK's codes for this path: 3 % loss is network_packet_loss, a Fair quality its warning; RTT stays under 300 ms.
        Assert.InRange(truth.LossPercent, 2, 5);
        Assert.Equal("Fair", result.Quality);
        Assert.Contains("network_packet_loss", result.FindingCodes, StringComparison.Ordinal);
        Assert.Contains("network_fair_quality", result.FindingCodes, StringComparison.Ordinal);
        Assert.DoesNotContain("network_high_rtt", result.FindingCodes, StringComparison.Ordinal);
        Assert.DoesNotContain("network_poor_quality", result.FindingCodes, StringComparison.Ordinal);
        Assert.Equal(result.JitterMs >= 30, result.FindingCodes.Contains("network_high_jitter", StringComparison.Ordinal));
        Assert.True(result.Findings.Where(f => f.Code != "network_fair_quality").All(f => f.Effect == nameof(FindingEffect.Degraded)));
        Assert.True(result.Deallocated == true, MediaRun.Describe(result));
    }

    /// <summary>
    /// No packet can come back faster than the relay held it, so a 300 ms hold is network_high_rtt
    /// for certain, and a 520 ms one poor. The relay adds no jitter of its own, but a loaded machine
    /// delays its userspace forwarding now and then: the jitter code (and, from 100 ms, Poor) follows
    /// the jitter measured, as the SDK's table says.
    /// </summary>
    [Theory]
    [InlineData(300, "Fair")]
    [InlineData(520, "Poor")]
    public async Task A_slow_path_gives_network_high_rtt_and_the_quality_its_RTT_makes(int delayMs, string rttQuality)
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(delayMs), TimeSpan.Zero, 0));

        var result = await RunAsync(lab, TimeSpan.FromSeconds(1));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.True(result.MinRoundTripTimeMs >= delayMs, MediaRun.Describe(result));
        var jitter = result.JitterMs!.Value;
        var quality = jitter >= TelnyxEndpoints.JitterPoorMs ? "Poor" : rttQuality;
        var codes = "network_high_rtt" + (jitter >= TelnyxEndpoints.JitterDegradedMs ? ", network_high_jitter" : string.Empty) + ", network_" + quality.ToLowerInvariant() + "_quality";
        Assert.Equal(codes, result.FindingCodes);
        Assert.Equal(quality, result.Quality);
        Assert.Equal("Poor", result.RttBand);
        Assert.Equal(0, result.LossPercent);
    }

    [Fact]
    public async Task Falls_back_to_TCP_443_and_a_second_allocation_when_only_TCP_443_gets_out()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.UdpBlocked);

        var result = await RunAsync(lab, TimeSpan.FromSeconds(1));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(nameof(TransportProtocol.Tcp), result.Transport);
        Assert.Equal(NetworkLab.WebPort, result.Port);
        Assert.Equal("SecondAllocation", result.Peer);
        Assert.Equal("Udp 3478: Timeout, Tcp 3478: Timeout, Tcp 443: Succeeded", result.Attempts);
        Assert.Contains("Media went over TCP because Udp 3478: Timeout, Tcp 3478: Timeout", result.Message, StringComparison.Ordinal);
        Assert.Equal(result.PacketsSent, result.PacketsReceived);
        Assert.Equal(0, result.LossPercent);
        Assert.True(result.Deallocated == true, MediaRun.Describe(result));
    }

    private static async Task<MediaPathQuality> RunAsync(NetworkLab lab, TimeSpan duration) =>
        Assert.Single(await MediaPathProbe.RunAsync(
            new MediaPathOptions
            {
                Servers = LabServers.SelectMany(MediaRun.Parse).ToList(),
                Credential = TurnCredential.FromPassword(NetworkLab.TurnUsername, Support.Secrets.Secure(NetworkLab.TurnPassword)),
                Duration = duration,
                Timeout = TimeSpan.FromSeconds(6),
                OpenDatagramSocket = lab.OpenClientDatagramSocket,
                OpenStreamSocket = family => lab.Client.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp),
                OpenPeerSocket = family => UnconnectedUdpSocket.Bind(lab.Client.OpenSocket(family, SocketType.Dgram, ProtocolType.Udp)),
            },
            null,
            null,
            CancellationToken.None));
}
