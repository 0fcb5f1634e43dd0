using System.Net;

namespace TelnyxNet.Lab;

/// <summary>Which way a datagram went through the <see cref="ImpairmentRelay"/>.</summary>
public enum RelayDirection
{
    /// <summary>From the client towards a server: the impaired direction.</summary>
    Upstream,

    /// <summary>From a server back to the client: passed on at once.</summary>
    Downstream,
}

/// <summary>
/// Ground truth for one datagram the relay handled: what it was, when it arrived, what the
/// seeded random source decided, and when (if ever) it was passed on. Times are on the relay's
/// own monotonic clock, from its start.
/// </summary>
/// <param name="Sequence">Arrival order over both directions, from 0.</param>
/// <param name="Direction">Upstream (impaired) or downstream.</param>
/// <param name="Client">The client's address and port as the relay saw it (10.0.0.2:port).</param>
/// <param name="Server">The server's address and port.</param>
/// <param name="Payload">The datagram's bytes.</param>
/// <param name="ReceivedAt">When the relay received it (read just after the receive).</param>
/// <param name="PlannedDelay">How long the relay meant to hold it (zero downstream).</param>
/// <param name="Dropped">True when the relay dropped it on purpose.</param>
/// <param name="ForwardedAt">When the relay sent it on (read just before the send); null when dropped.</param>
public sealed record RelayRecord(
    long Sequence,
    RelayDirection Direction,
    IPEndPoint Client,
    IPEndPoint Server,
    byte[] Payload,
    TimeSpan ReceivedAt,
    TimeSpan PlannedDelay,
    bool Dropped,
    TimeSpan? ForwardedAt)
{
    /// <summary>How long the relay actually held it (ForwardedAt − ReceivedAt); null when dropped.</summary>
    public TimeSpan? ActualDelay => ForwardedAt - ReceivedAt;
}
