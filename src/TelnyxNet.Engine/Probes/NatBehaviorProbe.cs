using TelnyxNet.Engine.Nat;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Get-TelnyxNatBehavior's engine: RFC 5780 behaviour discovery against the first server when it
/// gives OTHER-ADDRESS, else the two-server comparison, from one local address; hairpinning,
/// port preservation and, on request, the binding lifetime. Returns one
/// <see cref="NatBehaviorResult"/>; failures are data, only cancellation throws.
/// </summary>
public static class NatBehaviorProbe
{
    /// <summary>Runs the discovery.</summary>
    public static Task<NatBehaviorResult> RunAsync(NatBehaviorOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        return new NatDiscovery(options, log ?? NullEngineLog.Instance).RunAsync(progress, cancellationToken);
    }

    /// <summary>
    /// The verdict, for -Quiet and the CLI's exit code: it passes when the server answered and the
    /// mapping lets srflx candidates work for every peer (NoNat or EndpointIndependent).
    /// </summary>
    public static bool Passed(NatBehaviorResult result) =>
        (result ?? throw new ArgumentNullException(nameof(result))).Outcome == Diagnosis.ProbeStatus.Succeeded
        && result.Mapping is NatMappingBehavior.NoNat or NatMappingBehavior.EndpointIndependent;
}
