using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// TelnyxNet's TURN codes (source <c>turn</c>): what the SDK only sees as a missing relay
/// candidate. Reachability itself is judged by the ICE codes (<c>ice_server_failed</c>,
/// <c>ice_turn_required</c> …); these say why a reachable relay cannot be used.
/// </summary>
public static partial class FindingCodes
{
    /// <summary>A TURN server answered (its 401 challenge proves the path) but refused the credential on every transport.</summary>
    public static readonly FindingCode TurnAuthFailed = Own("turn_auth_failed", FindingEffect.Degraded, "turn",
        "The TURN server is reachable but refuses the credential: calls that need a relay will fail. The SDK provisions its own TURN credentials; SIP trunking customers get theirs from Telnyx support. Check the user name and password, or the shared secret and this machine's clock.");

    /// <summary>
    /// The findings of a TURN test: one <c>turn_auth_failed</c> per server host every transport of
    /// which was reachable and refused the credential (a host that relayed on some transport gives none).
    /// </summary>
    public static IReadOnlyList<Finding> FromTurn(IEnumerable<TurnAllocationResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results)))
            .GroupBy(r => r.Server, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.All(r => r.Reason == FailureReason.AuthenticationFailed))
            .Select(g => TurnAuthFailed.With(
                g.Key + " refused the credential (" + g.First().CredentialSource + ", user '" + g.First().Username + "') over " + string.Join(", ", g.Select(r => r.Transport + " " + r.Port).Distinct()) + (g.First().Realm.Length > 0 ? " in realm '" + g.First().Realm + "'" : string.Empty) + ".",
                g.Key,
                g.First().Remediation))
            .ToList();
}
