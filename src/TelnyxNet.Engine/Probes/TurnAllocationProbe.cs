using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Test-TelnyxTurn's engine: for every server and transport in parallel, resolves the host,
/// allocates a relay with long-term credentials (RFC 8656 §7), proves the relay forwards data to a
/// local peer and back, and deletes the allocation on every exit path. Returns one
/// <see cref="TurnAllocationResult"/> per server, transport and address, in the order given.
/// Failures are results, never exceptions; only cancellation throws (after cleanup).
/// </summary>
public static class TurnAllocationProbe
{
    /// <summary>Runs the test.</summary>
    public static Task<IReadOnlyList<TurnAllocationResult>> RunAsync(TurnAllocationOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>
    /// The verdict of a TURN check, for -Quiet and the CLI's exit code: it passes when at least one
    /// transport relayed successfully (allocated, and the relay verified unless the check was skipped).
    /// </summary>
    public static bool Passed(IEnumerable<TurnAllocationResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Any(r => r.Status == ProbeStatus.Succeeded);
}
