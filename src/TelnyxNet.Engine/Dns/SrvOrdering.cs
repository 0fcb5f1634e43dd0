namespace TelnyxNet.Engine.Dns;

/// <summary>
/// The order in which to try the targets of an SRV RRset (RFC 2782, "Usage rules"): lowest
/// priority first; within one priority, a weighted random selection: put the weight-0 records first,
/// draw a number from 0 to the sum of the remaining weights, take the first record whose running sum
/// reaches it, and repeat with the rest. Over many runs a record of weight w is first with
/// probability w / (sum of weights). A single record whose target is "." means the service is
/// decidedly not available at this domain.
/// </summary>
internal static class SrvOrdering
{
    /// <summary>Orders <paramref name="records"/>; <paramref name="random"/> makes the weighted draws (tests pass a seeded one).</summary>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> records, Func<T, int> priority, Func<T, int> weight, Random random)
    {
        var ordered = new List<T>();
        foreach (var group in records.GroupBy(priority).OrderBy(g => g.Key))
        {
            var remaining = group.Where(r => weight(r) == 0).Concat(group.Where(r => weight(r) != 0)).ToList();
            while (remaining.Count > 0)
            {
                var total = remaining.Sum(weight);
                var draw = random.Next(total + 1);
                var running = 0;
                var chosen = remaining.Count - 1;
                for (var i = 0; i < remaining.Count; i++)
                {
                    running += weight(remaining[i]);
                    if (running >= draw)
                    {
                        chosen = i;
                        break;
                    }
                }

                ordered.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }

        return ordered;
    }
}
