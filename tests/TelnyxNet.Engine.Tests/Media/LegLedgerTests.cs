using TelnyxNet.Engine.Media;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>A leg's figures from synthetic send and arrival times: loss, bursts, reordering, duplicates, lateness, percentiles, per-second samples.</summary>
public sealed class LegLedgerTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static LegLedger Sent(int count)
    {
        var ledger = new LegLedger(count);
        for (var i = 0; i < count; i++)
        {
            ledger.Enter(i, Ms(i * 20));
        }

        return ledger;
    }

    [Fact]
    public void Counts_loss_and_the_longest_run_of_it()
    {
        var ledger = Sent(10);
        foreach (var i in new[] { 0, 1, 5, 6, 9 })
        {
            ledger.Arrive(i, Ms((i * 20) + 30));
        }

        var figures = ledger.Summarize(50);

        Assert.Equal(10, figures.Entered);
        Assert.Equal(5, figures.Arrived);
        Assert.Equal(5, figures.Lost);
        Assert.Equal(50, figures.LossPercent);
        Assert.Equal(3, figures.BurstLoss);
        Assert.Equal(0, figures.Reordered);
        Assert.Equal(0, figures.Late);
    }

    [Fact]
    public void Counts_duplicates_once_and_never_as_received()
    {
        var ledger = Sent(3);
        Assert.True(ledger.Arrive(0, Ms(30)));
        Assert.False(ledger.Arrive(0, Ms(31)));
        Assert.False(ledger.Arrive(0, Ms(32)));
        Assert.True(ledger.Arrive(2, Ms(70)));

        var figures = ledger.Summarize(50);

        Assert.Equal(2, figures.Arrived);
        Assert.Equal(2, figures.Duplicated);
        Assert.Equal(new[] { 30.0, 30.0 }, figures.TransitsMs);
    }

    [Fact]
    public void Counts_each_packet_that_arrives_after_a_later_one_as_reordered()
    {
        // Arrival order 0, 3, 1, 2, 4: packets 1 and 2 arrive after 3.
        var ledger = Sent(5);
        foreach (var (i, at) in new[] { (0, 30.0), (3, 85.0), (1, 90.0), (2, 95.0), (4, 110.0) })
        {
            ledger.Arrive(i, Ms(at));
        }

        Assert.Equal(2, ledger.Summarize(50).Reordered);
    }

    [Fact]
    public void Orders_a_leg_by_when_packets_entered_it_not_by_their_number()
    {
        // The peer echoed 2 before 1 (it got them in that order): they come back in that order, which is not reordering on this leg.
        var ledger = new LegLedger(3);
        ledger.Enter(0, Ms(0));
        ledger.Enter(2, Ms(41));
        ledger.Enter(1, Ms(42));
        ledger.Arrive(0, Ms(10));
        ledger.Arrive(2, Ms(51));
        ledger.Arrive(1, Ms(52));

        Assert.Equal(0, ledger.Summarize(50).Reordered);
    }

    [Fact]
    public void Counts_as_late_what_took_more_than_60_ms_longer_than_the_fastest()
    {
        var ledger = Sent(4);
        ledger.Arrive(0, Ms(0 + 100));
        ledger.Arrive(1, Ms(20 + 160));
        ledger.Arrive(2, Ms(40 + 160.5));
        ledger.Arrive(3, Ms(60 + 250));

        var figures = ledger.Summarize(50);

        Assert.Equal(2, figures.Late);
        Assert.Equal(100, figures.MinMs);
        Assert.Equal(250, figures.MaxMs);
    }

    [Fact]
    public void Reports_delay_percentiles_by_nearest_rank()
    {
        var ledger = Sent(20);
        for (var i = 0; i < 20; i++)
        {
            ledger.Arrive(i, Ms((i * 20) + 10 + i));
        }

        var figures = ledger.Summarize(50);

        Assert.Equal(19.5, figures.MeanMs);
        Assert.Equal(10, figures.MinMs);
        Assert.Equal(28, figures.P95Ms);
        Assert.Equal(29, figures.MaxMs);
    }

    [Fact]
    public void Does_not_count_a_packet_that_never_entered_the_leg()
    {
        var ledger = new LegLedger(5);
        ledger.Enter(1, Ms(20));

        Assert.False(ledger.Arrive(3, Ms(90)));
        Assert.True(ledger.Arrive(1, Ms(40)));

        var figures = ledger.Summarize(50);
        Assert.Equal(1, figures.Entered);
        Assert.Equal(1, figures.Arrived);
        Assert.Equal(1, ledger.Strays);
        Assert.Equal(0, figures.LossPercent);
    }

    [Fact]
    public void Samples_each_second_by_the_packets_sent_in_it_with_the_jitter_after_its_last_arrival()
    {
        // 4 packets a second, 2 seconds. Second 1: transits 10, 14, 10, lost. Second 2: transits 10, 10, 10, 10.
        var ledger = Sent(8);
        var transits = new double?[] { 10, 14, 10, null, 10, 10, 10, 10 };
        for (var i = 0; i < transits.Length; i++)
        {
            if (transits[i] is double t)
            {
                ledger.Arrive(i, Ms((i * 20) + t));
            }
        }

        var figures = ledger.Summarize(4);

        // J after packets 0, 1, 2: 0, 4/16 = 0.25, 0.25 + (4 - 0.25)/16 = 0.484375; then four |D| = 0.
        var j2 = 0.25 + ((4 - 0.25) / 16);
        var j7 = j2 * Math.Pow(15.0 / 16, 4);
        Assert.Equal(2, figures.Seconds.Count);
        Assert.Equal(4, figures.Seconds[0].Entered);
        Assert.Equal(3, figures.Seconds[0].Arrived);
        Assert.Equal(34.0 / 3, figures.Seconds[0].MeanMs!.Value, 12);
        Assert.Equal(j2, figures.Seconds[0].JitterMs!.Value, 12);
        Assert.Equal(25, figures.Seconds[0].LossPercent);
        Assert.Equal(4, figures.Seconds[1].Arrived);
        Assert.Equal(10, figures.Seconds[1].MeanMs);
        Assert.Equal(j7, figures.Seconds[1].JitterMs!.Value, 12);
        Assert.Equal((j2 + j7) / 2, figures.JitterMs!.Value, 12);
    }

    [Fact]
    public void Has_no_figures_for_a_leg_nothing_crossed()
    {
        var figures = Sent(5).Summarize(50);

        Assert.Equal(100, figures.LossPercent);
        Assert.Equal(5, figures.BurstLoss);
        Assert.Null(figures.MeanMs);
        Assert.Null(figures.P95Ms);
        Assert.Null(figures.JitterMs);
        Assert.Null(new LegLedger(5).Summarize(50).LossPercent);
    }
}
