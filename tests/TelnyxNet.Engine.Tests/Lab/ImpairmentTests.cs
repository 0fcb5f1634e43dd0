using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A slow and lossy path made by the lab's impairment relay, measured by the engine and checked
/// against the relay's ground truth: what it held, for how long, and what it dropped.
/// </summary>
[Trait("Category", "Lab")]
[Collection(LabTimingCollection.Name)]
public sealed class ImpairmentTests
{
    private const double Tolerance = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>One transmission per Binding, given up after 200 ms, so that a lost datagram is a lost Binding (a path's RTT here is under 1 ms).</summary>
    private static readonly RetransmissionPolicy NoRetransmission = new(TimeSpan.FromMilliseconds(100), 1, 2);

    private static string Server => LabProbe.At(NetworkLab.ServerAddress, NetworkLab.StunPort);

    [Fact]
    public async Task Measures_an_80_ms_path_as_80_ms()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(80), TimeSpan.Zero, 0));

        var result = await LabProbe.UdpAsync(lab, Server, 10, Timeout);
        var held = await UpstreamAsync(lab, 10);

        Assert.True(result.Outcome == ProbeStatus.Succeeded && result.Received == 10, result.Message);
        Assert.InRange(result.MinRoundTripTimeMs!.Value, 80, 80 + Tolerance);
        Assert.All(held, r => Assert.True(!r.Dropped && r.ActualDelay >= TimeSpan.FromMilliseconds(80), "held " + r.ActualDelay));
        AtLeastTheTruth(result, held);
    }

    [Fact]
    public async Task Measures_5_percent_loss_over_400_bindings_as_the_relay_dropped_it()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Loss(0.05));

        var result = await LabProbe.UdpAsync(lab, Server, 400, Timeout, NoRetransmission);
        var upstream = await UpstreamAsync(lab, 400);

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(400, result.Sent);
        Assert.Equal(0, result.Retransmissions);
        var lost = result.Sent - result.Received;
        Assert.Equal(upstream.Count(r => r.Dropped), lost);
        Assert.InRange(lost / 400.0, 0.05 - 0.025, 0.05 + 0.025);
    }

    [Fact]
    public async Task Sees_round_trips_no_shorter_than_the_jittered_delays_the_relay_held()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20), 0, seed: 3));

        var result = await LabProbe.UdpAsync(lab, Server, 20, Timeout);
        var held = await UpstreamAsync(lab, 20);

        Assert.True(result.Outcome == ProbeStatus.Succeeded && result.Received == 20, result.Message);
        Assert.All(held, r => Assert.InRange(r.PlannedDelay.TotalMilliseconds, 30, 70));
        Assert.True(held.Max(r => r.PlannedDelay) - held.Min(r => r.PlannedDelay) > TimeSpan.FromMilliseconds(20), "the seeded jitter should spread 20 delays over most of 40 ms");
        AtLeastTheTruth(result, held);
    }

    [Fact]
    public async Task Drops_the_same_bindings_again_with_the_same_seed()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.EndpointIndependentNat);

        var first = await LossPatternAsync(lab, Scenario.Loss(0.25, seed: 7));
        var again = await LossPatternAsync(lab, Scenario.Loss(0.25, seed: 7));
        var other = await LossPatternAsync(lab, Scenario.Loss(0.25, seed: 8));

        Assert.Contains(true, first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    /// <summary>Which of 40 Bindings the relay dropped under <paramref name="scenario"/>, checked against what the engine counted.</summary>
    private static async Task<bool[]> LossPatternAsync(NetworkLab lab, Scenario scenario)
    {
        await lab.ApplyAsync(scenario);
        var result = await LabProbe.UdpAsync(lab, Server, 40, Timeout, NoRetransmission);
        var upstream = await UpstreamAsync(lab, 40);
        var pattern = upstream.Select(r => r.Dropped).ToArray();
        Assert.Equal(pattern.Count(d => d), result.Sent - result.Received);
        return pattern;
    }

    /// <summary>The relay's records of <paramref name="count"/> client datagrams, once all are in (one still held is recorded when sent on).</summary>
    private static async Task<IReadOnlyList<RelayRecord>> UpstreamAsync(NetworkLab lab, int count)
    {
        var relay = lab.Relay ?? throw new Xunit.Sdk.XunitException("No relay in " + lab);
        await Eventually.True(() => relay.Records.Count(r => r.Direction == RelayDirection.Upstream) >= count, count + " client datagrams through the relay");
        var upstream = relay.Records.Where(r => r.Direction == RelayDirection.Upstream).ToList();
        Assert.Equal(count, upstream.Count);
        return upstream;
    }

    /// <summary>
    /// A round trip the engine measures spans the relay's hold of its request (the engine sends
    /// before the relay receives and receives after the relay sends, on the same monotonic clock),
    /// so its fastest, slowest and average round trips are never below the relay's. How far above
    /// is the engine's own latency: bench/, not asserted.
    /// </summary>
    private static void AtLeastTheTruth(StunBindingResult result, IReadOnlyList<RelayRecord> held)
    {
        var holds = held.Where(r => !r.Dropped).Select(r => r.ActualDelay!.Value.TotalMilliseconds).ToList();
        const double Rounding = 0.001;
        Assert.True(result.MinRoundTripTimeMs >= holds.Min() - Rounding, "min RTT " + result.MinRoundTripTimeMs + " ms < shortest hold " + holds.Min() + " ms");
        Assert.True(result.MaxRoundTripTimeMs >= holds.Max() - Rounding, "max RTT " + result.MaxRoundTripTimeMs + " ms < longest hold " + holds.Max() + " ms");
        Assert.True(result.RoundTripTimeMs >= holds.Average() - Rounding, "average RTT " + result.RoundTripTimeMs + " ms < average hold " + holds.Average() + " ms");
    }
}
