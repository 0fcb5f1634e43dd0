using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>How one budget is split: the parts at once, the media path in what is left.</summary>
public sealed class ConnectivityBudgetTests
{
    private static readonly TimeSpan Cleanup = TimeSpan.FromSeconds(2);

    [Fact]
    public void The_default_30_s_gives_each_part_the_SDKs_bounds_and_the_media_path_room_after_them()
    {
        var budget = new ConnectivityBudget(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), Cleanup);

        Assert.Equal(TimeSpan.FromSeconds(10), budget.Part);
        Assert.Equal(TimeSpan.FromSeconds(5), budget.Gathering);
        Assert.Equal(TimeSpan.FromSeconds(9), budget.MediaReserve);
        Assert.Equal(TimeSpan.FromSeconds(10), budget.MediaSetup(TimeSpan.FromSeconds(0.2)));
        Assert.Equal(TimeSpan.FromSeconds(10), budget.MediaSetup(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(6), budget.MediaSetup(TimeSpan.FromSeconds(15)));
        Assert.Null(budget.MediaSetup(TimeSpan.FromSeconds(20.5)));
    }

    [Fact]
    public void A_short_budget_halves_for_the_parts_and_leaves_no_room_for_the_stream()
    {
        var budget = new ConnectivityBudget(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(5), Cleanup);

        Assert.Equal(TimeSpan.FromSeconds(4), budget.Part);
        Assert.Equal(TimeSpan.FromSeconds(4), budget.Gathering);
        Assert.Null(budget.MediaSetup(TimeSpan.Zero));
    }

    [Fact]
    public void Every_part_and_the_media_path_end_within_the_budget()
    {
        foreach (var seconds in new[] { 1, 5, 10, 12, 20, 30, 60, 600 })
        {
            var total = TimeSpan.FromSeconds(seconds);
            var budget = new ConnectivityBudget(total, TimeSpan.FromSeconds(5), Cleanup);
            Assert.True(budget.Part + Cleanup <= total || budget.Part <= TimeSpan.FromTicks(total.Ticks / 2), seconds + " s");
            for (var at = TimeSpan.Zero; at <= total; at += TimeSpan.FromMilliseconds(250))
            {
                if (budget.MediaSetup(at) is TimeSpan setup)
                {
                    Assert.True(at + setup + budget.MediaReserve <= total, seconds + " s at " + at);
                }
            }
        }
    }
}
