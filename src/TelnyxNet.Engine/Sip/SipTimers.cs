namespace TelnyxNet.Engine.Sip;

/// <summary>
/// The timers of a non-INVITE client transaction over UDP (RFC 3261 §17.1.2.2, Table 4): Timer E
/// fires first after T1 (500 ms) and doubles up to T2 (4 s), and stays at T2 once a provisional
/// response came; Timer F ends the transaction after 64·T1 (32 s). Sends at 0, 0.5, 1.5, 3.5,
/// 7.5, 11.5 … s; the command's deadline always cuts this short.
/// </summary>
internal static class SipTimers
{
    /// <summary>T1: the RTT estimate.</summary>
    public static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);

    /// <summary>T2: the longest retransmit interval for non-INVITE requests.</summary>
    public static readonly TimeSpan T2 = TimeSpan.FromSeconds(4);

    /// <summary>Timer F: the transaction timeout (64·T1).</summary>
    public static readonly TimeSpan TimerF = TimeSpan.FromTicks(T1.Ticks * 64);

    /// <summary>The interval after <paramref name="current"/> (min(2·current, T2); T2 once proceeding).</summary>
    public static TimeSpan Next(TimeSpan current, bool proceeding)
    {
        if (proceeding)
        {
            return T2;
        }

        var doubled = TimeSpan.FromTicks(current.Ticks * 2);
        return doubled < T2 ? doubled : T2;
    }
}
