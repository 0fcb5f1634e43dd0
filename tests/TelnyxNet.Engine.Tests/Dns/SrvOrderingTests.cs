using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Tests.Dns;

/// <summary>RFC 2782's target order: priority first, then a weighted random draw within a priority.</summary>
public sealed class SrvOrderingTests
{
    [Fact]
    public void Lower_priorities_always_come_first()
    {
        var records = new[] { ("c", 30, 100), ("a", 10, 0), ("b", 20, 5), ("a2", 10, 9) };
        for (var seed = 0; seed < 200; seed++)
        {
            var ordered = SrvOrdering.Order(records, r => r.Item2, r => r.Item3, new Random(seed)).Select(r => r.Item2).ToList();
            Assert.Equal(new[] { 10, 10, 20, 30 }, ordered);
        }
    }

    [Fact]
    public void Within_a_priority_a_record_comes_first_in_proportion_to_its_weight()
    {
        var records = new[] { ("pbx1", 10, 60), ("pbx2", 10, 40) };
        var random = new Random(2782);
        const int Draws = 20000;
        var pbx1First = Enumerable.Range(0, Draws).Count(_ => SrvOrdering.Order(records, r => r.Item2, r => r.Item3, random)[0].Item1 == "pbx1");

        // Weight 60 of a total of 100 (the draw is 0 to 100 inclusive, so 61/101 = 0.604).
        Assert.InRange(pbx1First / (double)Draws, 0.58, 0.63);
    }

    [Fact]
    public void A_weight_0_record_is_rarely_first_but_never_left_out()
    {
        var records = new[] { ("zero", 10, 0), ("heavy", 10, 100) };
        var random = new Random(7);
        var orders = Enumerable.Range(0, 5000).Select(_ => SrvOrdering.Order(records, r => r.Item2, r => r.Item3, random)).ToList();

        Assert.All(orders, o => Assert.Equal(2, o.Count));
        Assert.InRange(orders.Count(o => o[0].Item1 == "zero") / 5000.0, 0.0, 0.03);
    }

    [Fact]
    public void Keeps_every_record_of_equal_zero_weights() =>
        Assert.Equal(3, SrvOrdering.Order(new[] { 1, 2, 3 }, _ => 0, _ => 0, new Random(1)).Distinct().Count());
}
