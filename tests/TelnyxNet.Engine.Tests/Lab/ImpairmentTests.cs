using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A slow and lossy path made by the lab's impairment relay, measured by the engine and checked
/// against the relay's ground truth: what it held, for how long, and what it dropped. Every check
/// is exact accounting (each transmission the engine counted passed the relay; each lost Binding
/// is one the relay dropped or one whose answer came after the engine gave up) or a bound that
/// follows from causality (a round trip spans the relay's hold); how close the engine comes to the
/// truth is a bench figure (bench/README.md), never asserted.
/// </summary>
[Trait("Category", "Lab")]
[Collection(LabTimingCollection.Name)]
public sealed class ImpairmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>One transmission per Binding, given up after 200 ms, so that a lost datagram is a lost Binding (a path's RTT here is under 1 ms).</summary>
    private static readonly RetransmissionPolicy NoRetransmission = new(TimeSpan.FromMilliseconds(100), 1, 2);

    private static string Server => LabProbe.At(NetworkLab.ServerAddress, NetworkLab.StunPort);

    [Fact]
    public async Task Measures_an_80_ms_path_as_at_least_80_ms_and_counts_every_transmission()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(80), TimeSpan.Zero, 0));

        var result = await LabProbe.UdpAsync(lab, Server, 10, Timeout);
        var held = await UpstreamAsync(lab, result.Sent + result.Retransmissions);

        Assert.True(result.Outcome == ProbeStatus.Succeeded && result.Received == 10, result.Message);
        Assert.All(held, r => Assert.Equal(TimeSpan.FromMilliseconds(80), r.PlannedDelay));
        Assert.All(held, r => Assert.True(!r.Dropped && r.ActualDelay >= TimeSpan.FromMilliseconds(80), "held " + r.ActualDelay));
        Assert.True(result.MinRoundTripTimeMs >= 80, "min RTT " + result.MinRoundTripTimeMs + " ms on a path that holds every request 80 ms");
        AtLeastTheTruth(result, held);
    }

    [Fact]
    public async Task Counts_5_percent_loss_over_400_bindings_exactly_as_the_relay_dropped_it()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Loss(0.05));

        var run = await BindingsAsync(lab, 400);
        var upstream = await UpstreamAsync(lab, 400);

        var dropped = upstream.Count(r => r.Dropped);
        Assert.InRange(dropped / 400.0, 0.05 - 0.025, 0.05 + 0.025);
        Assert.Equal(dropped + run.Late, run.Lost);
        Assert.All(upstream.Where(r => r.Dropped), r => Assert.DoesNotContain(IdOf(r.Payload), run.Answered));
    }

    [Fact]
    public async Task Sees_round_trips_no_shorter_than_the_jittered_delays_the_relay_held()
    {
        await using var lab = await LabStart.WithCoturnAsync(Scenario.Impaired(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(20), 0, seed: 3));

        var result = await LabProbe.UdpAsync(lab, Server, 20, Timeout);
        var held = await UpstreamAsync(lab, result.Sent + result.Retransmissions);

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
        var run = await BindingsAsync(lab, 40);
        var upstream = await UpstreamAsync(lab, 40);
        var pattern = upstream.Select(r => r.Dropped).ToArray();
        Assert.Equal(pattern.Count(d => d) + run.Late, run.Lost);
        return pattern;
    }

    /// <summary>
    /// <paramref name="count"/> Bindings one after another, one transmission each, through the
    /// engine's own client in the lab's client namespace: which were answered, and how many answers
    /// came only after the client had given up on them (counted once every forwarded request's
    /// answer has come back through the relay).
    /// </summary>
    private static async Task<BindingRun> BindingsAsync(NetworkLab lab, int count)
    {
        var server = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(NetworkLab.ServerAddress), NetworkLab.StunPort);
        var relay = lab.Relay ?? throw new Xunit.Sdk.XunitException("No relay in " + lab);
        var before = relay.Records.Count(r => r.Direction == RelayDirection.Downstream);
        using var client = new StunUdpClient(lab.OpenClientDatagramSocket(server), SystemClock.Instance);
        var answered = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode();
            try
            {
                await client.ExecuteAsync(request, server, NoRetransmission, Timeout, CancellationToken.None);
                answered.Add(IdOf(request));
            }
            catch (ProbeException ex) when (ex.Reason == FailureReason.Timeout)
            {
                // Lost: dropped by the relay, or answered after the wait.
            }
        }

        var forwarded = relay.Records.Count(r => r.Direction == RelayDirection.Upstream && !r.Dropped);
        await Eventually.True(() => relay.Records.Count(r => r.Direction == RelayDirection.Downstream) - before >= forwarded, "every forwarded request's answer back through the relay");
        await Eventually.True(() => answered.Count + client.Transactions.UnknownTransactionCount >= forwarded, "every late answer at the client");
        return new BindingRun(answered, count - answered.Count, client.Transactions.UnknownTransactionCount);
    }

    private static string IdOf(byte[] stun) => TransactionId.FromBytes(stun, 8).ToString();

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

    /// <summary>What a run of Bindings saw: the ids answered in time, how many were lost, and how many of those were answered too late.</summary>
    private sealed record BindingRun(IReadOnlySet<string> Answered, int Lost, int Late);
}
