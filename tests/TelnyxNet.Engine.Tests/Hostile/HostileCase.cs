using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// One row of a hostile-server suite: a name, how to start the server that misbehaves (fresh for
/// each run), and the failure reason the probe must report (<see cref="FailureReason.None"/>
/// for a control case that must succeed), within <see cref="Timeout"/> (by default
/// <see cref="HostileSuite.Short"/> when the case must end in silence at its deadline, else
/// <see cref="HostileSuite.Long"/>: it ends on the server's answer). <see cref="Also"/> adds checks of the case's own.
/// A protocol's suite is a table of these, a probe runner and one theory (see <see cref="HostileSuite"/>).
/// </summary>
internal sealed record HostileCase(string Name, Func<IHostileServer> Start, FailureReason Expected)
{
    /// <summary>The probe's timeout for this case; see <see cref="HostileSuite.Short"/>, <see cref="HostileSuite.Discarding"/> and <see cref="HostileSuite.Long"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The timeout this case runs with.</summary>
    public TimeSpan TimeoutOrDefault => Timeout ?? (Expected == FailureReason.Timeout ? HostileSuite.Short : HostileSuite.Long);

    /// <summary>Further checks of the result and the server after the suite's own.</summary>
    public Action<IProbeResult, IHostileServer>? Also { get; init; }
}
