using TelnyxNet.Engine.Ice;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Get-TelnyxIceCandidate's engine: gathers host, server-reflexive and relay candidates from every
/// interface as a browser would (RFC 8445 §5.1.1) against the given STUN and TURN servers, all in
/// parallel under one deadline, hands each candidate to <c>candidateGathered</c> as it is found,
/// and returns the <see cref="IceGatheringSummary"/> with the findings. Failures are findings and
/// server reports, never exceptions; only cancellation throws (after the allocations are deleted).
/// </summary>
public static class IceGatheringProbe
{
    /// <summary>Gathers without a per-candidate callback.</summary>
    public static Task<IceGatheringSummary> RunAsync(IceGatheringOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(options, log, progress, null, cancellationToken);

    /// <summary>Gathers, calling <paramref name="candidateGathered"/> (from any thread, one call at a time) for every candidate as it is found.</summary>
    public static Task<IceGatheringSummary> RunAsync(IceGatheringOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, Action<IceCandidate>? candidateGathered, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        return new IceGatherer(options, log ?? NullEngineLog.Instance, candidateGathered).RunAsync(progress, cancellationToken);
    }

    /// <summary>
    /// The verdict of a gathering, for -Quiet and the CLI's exit code: it passes when at least one
    /// srflx or relay candidate was gathered, the seed's own test ("STUN works", "TURN works").
    /// </summary>
    public static bool Passed(IceGatheringSummary summary) =>
        (summary ?? throw new ArgumentNullException(nameof(summary))).SrflxCount + summary.RelayCount > 0;
}
