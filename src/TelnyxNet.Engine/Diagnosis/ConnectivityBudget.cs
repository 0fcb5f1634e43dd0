namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// How Test-TelnyxConnectivity splits its one budget (<see cref="Probes.ProbeOptions.Timeout"/>):
/// every part starts at once, each bounded by <see cref="Part"/> (at most the SDK's 10 s request
/// timeout; STUN, ICE and NAT at most its 5 s gathering timeout), so that a network that drops
/// everything costs about one part's bound, never their sum; the media path starts when the TURN
/// part has found the best relay and gets what is left, after the stream, the wait for its last
/// echoes and the clean-up are set aside. What does not fit is not started, and the report says so.
/// </summary>
internal sealed class ConnectivityBudget
{
    /// <summary>The most any part gets: the SDK's signaling request timeout.</summary>
    public static readonly TimeSpan PartLimit = TimeSpan.FromSeconds(10);

    /// <summary>The most STUN, ICE and NAT get: the SDK's ICE gathering timeout.</summary>
    public static readonly TimeSpan GatheringLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long the media path waits for its last echoes after the stream.</summary>
    public static readonly TimeSpan MediaDrain = TimeSpan.FromSeconds(2);

    /// <summary>How long the signaling part's Ping waits for its Pong, and its closing handshake for the server's Close: at most the SDK's 5 s, and 2 s.</summary>
    public static readonly TimeSpan PongLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long the closing handshake of the signaling WebSocket waits for the server's Close.</summary>
    public static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(2);

    /// <summary>The least time setting a relay up for the media path is worth starting with.</summary>
    public static readonly TimeSpan MinMediaSetup = TimeSpan.FromSeconds(1);

    public ConnectivityBudget(TimeSpan total, TimeSpan mediaDuration, TimeSpan cleanup)
    {
        Total = total;
        MediaDuration = mediaDuration;
        MediaReserve = mediaDuration + MediaDrain + cleanup;
        var half = TimeSpan.FromTicks(total.Ticks / 2);
        var rest = total - MediaReserve;
        Part = Min(PartLimit, rest > half ? rest : half);
        Gathering = Min(GatheringLimit, Part);
    }

    /// <summary>The whole budget.</summary>
    public TimeSpan Total { get; }

    /// <summary>The bound of signaling, TURN, SIP and the firewall rules.</summary>
    public TimeSpan Part { get; }

    /// <summary>The bound of STUN, ICE gathering and NAT behaviour.</summary>
    public TimeSpan Gathering { get; }

    /// <summary>The media stream's length.</summary>
    public TimeSpan MediaDuration { get; }

    /// <summary>What the media path needs after its set-up: the stream, the drain and the clean-up.</summary>
    public TimeSpan MediaReserve { get; }

    /// <summary>How long the signaling part waits for a Pong: <see cref="PongLimit"/>, at most <see cref="Part"/>.</summary>
    public TimeSpan Pong => Min(PongLimit, Part);

    /// <summary>
    /// How long the signaling WebSocket is held: <paramref name="requested"/>, at most what is left
    /// of the budget after setting it up (<see cref="Part"/>), two Pongs and the closing handshake.
    /// </summary>
    public TimeSpan SignalingHold(TimeSpan requested)
    {
        var room = Total - Part - Pong - Pong - CloseLimit;
        return room <= TimeSpan.Zero ? TimeSpan.Zero : Min(requested, room);
    }

    /// <summary>
    /// The bound on setting the media path's relay up when it starts <paramref name="elapsed"/>
    /// into the check: what is left after <see cref="MediaReserve"/>, at most <see cref="Part"/>;
    /// null when less than <see cref="MinMediaSetup"/> is left.
    /// </summary>
    public TimeSpan? MediaSetup(TimeSpan elapsed)
    {
        var left = Total - elapsed - MediaReserve;
        return left < MinMediaSetup ? null : Min(left, Part);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
