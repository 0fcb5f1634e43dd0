namespace TelnyxNet.Engine.Media;

/// <summary>
/// What happened to the packets of one leg of a stream (out to the peer, back from it, or the
/// whole round trip): when each entered the leg, and each arrival at its end as the receiving loop
/// timed it, in the order of arrival. Thread-safe: the sender, the peer and the client's receive
/// loop write to it at once. <see cref="Summarize"/> turns it into the leg's figures.
/// </summary>
internal sealed class LegLedger
{
    /// <summary>A packet is late when it took this much longer than the fastest one: what a 60 ms jitter buffer would discard.</summary>
    public const double LateAfterMs = 60;

    private readonly object _gate = new();
    private readonly TimeSpan?[] _entered;
    private readonly int[] _entryOrder;
    private readonly bool[] _arrived;
    private readonly List<Arrival> _arrivals = new();
    private int _enteredCount;
    private int _duplicates;
    private int _strays;
    private TimeSpan _longestTransit;

    public LegLedger(int count)
    {
        _entered = new TimeSpan?[count];
        _entryOrder = Enumerable.Repeat(-1, count).ToArray();
        _arrived = new bool[count];
    }

    /// <summary>Packets that entered the leg.</summary>
    public int EnteredCount
    {
        get
        {
            lock (_gate)
            {
                return _enteredCount;
            }
        }
    }

    /// <summary>Distinct packets that arrived.</summary>
    public int ArrivedCount
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>The longest transit of an arrival so far.</summary>
    public TimeSpan LongestTransit
    {
        get
        {
            lock (_gate)
            {
                return _longestTransit;
            }
        }
    }

    /// <summary>Arrivals of packets that never entered this leg (a forger's, or a peer's answer to nothing sent); not counted as received.</summary>
    public int Strays
    {
        get
        {
            lock (_gate)
            {
                return _strays;
            }
        }
    }

    /// <summary>Packet <paramref name="index"/> entered the leg at <paramref name="at"/>; only the first time counts.</summary>
    public void Enter(int index, TimeSpan at)
    {
        lock (_gate)
        {
            if (_entered[index] is null)
            {
                _entered[index] = at;
                _entryOrder[index] = _enteredCount++;
            }
        }
    }

    /// <summary>Packet <paramref name="index"/> arrived at <paramref name="at"/>: true for its first arrival, false for a duplicate or a packet that never entered.</summary>
    public bool Arrive(int index, TimeSpan at)
    {
        lock (_gate)
        {
            if (_entered[index] is not TimeSpan entered)
            {
                _strays++;
                return false;
            }

            if (_arrived[index])
            {
                _duplicates++;
                return false;
            }

            _arrived[index] = true;
            _arrivals.Add(new Arrival(index, entered, at));
            _longestTransit = at - entered > _longestTransit ? at - entered : _longestTransit;
            return true;
        }
    }

    /// <summary>
    /// The leg's figures (see <see cref="LegFigures"/>); per-second figures for the seconds of
    /// <paramref name="packetsPerSecond"/> packets each, counted by when the stream sent them.
    /// </summary>
    public LegFigures Summarize(int packetsPerSecond)
    {
        lock (_gate)
        {
            var seconds = (_entered.Length + packetsPerSecond - 1) / packetsPerSecond;
            var transits = _arrivals.Select(a => (a.At - a.Entered).TotalMilliseconds).ToList();
            var minTransit = transits.Count > 0 ? transits.Min() : 0;

            var jitter = new InterarrivalJitter();
            var jitterAtSecond = new double?[seconds];
            var reordered = 0;
            var latestEntry = -1;
            foreach (var arrival in _arrivals)
            {
                jitterAtSecond[arrival.Index / packetsPerSecond] = jitter.Add(arrival.Entered.TotalMilliseconds, arrival.At.TotalMilliseconds);
                var entry = _entryOrder[arrival.Index];
                if (entry < latestEntry)
                {
                    reordered++;
                }
                else
                {
                    latestEntry = entry;
                }
            }

            var perSecond = Enumerable.Range(0, seconds).Select(k => Second(k, packetsPerSecond, jitterAtSecond[k])).ToList();
            var jitterSamples = jitterAtSecond.OfType<double>().ToList();
            return new LegFigures(
                _enteredCount,
                _arrivals.Count,
                _duplicates,
                reordered,
                BurstLoss(),
                transits.Count(t => t > minTransit + LateAfterMs),
                transits,
                jitterSamples.Count > 0 ? jitterSamples.Average() : null,
                perSecond);
        }
    }

    /// <summary>The longest run of packets that entered in a row (in entry order) and never arrived. Under the lock.</summary>
    private int BurstLoss()
    {
        var byEntry = Enumerable.Range(0, _entered.Length).Where(i => _entryOrder[i] >= 0).OrderBy(i => _entryOrder[i]);
        int longest = 0, run = 0;
        foreach (var index in byEntry)
        {
            run = _arrived[index] ? 0 : run + 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>Second <paramref name="k"/>'s figures. Under the lock.</summary>
    private LegSecond Second(int k, int packetsPerSecond, double? jitter)
    {
        var first = k * packetsPerSecond;
        var last = Math.Min(_entered.Length, first + packetsPerSecond);
        var entered = 0;
        var arrived = 0;
        for (var i = first; i < last; i++)
        {
            entered += _entered[i].HasValue ? 1 : 0;
            arrived += _arrived[i] ? 1 : 0;
        }

        var transits = _arrivals.Where(a => a.Index >= first && a.Index < last).Select(a => (a.At - a.Entered).TotalMilliseconds).ToList();
        return new LegSecond(entered, arrived, transits.Count > 0 ? transits.Average() : null, jitter);
    }

    private readonly struct Arrival
    {
        public Arrival(int index, TimeSpan entered, TimeSpan at)
        {
            Index = index;
            Entered = entered;
            At = at;
        }

        public int Index { get; }

        public TimeSpan Entered { get; }

        public TimeSpan At { get; }
    }
}
