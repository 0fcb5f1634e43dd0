using System.Globalization;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Nat;

/// <summary>The message, findings and remediation of a NAT behaviour result, one rule per finding.</summary>
internal static class NatVerdict
{
    /// <summary>Idle mappings that live less than this many seconds cut media on hold (RFC 4787 REQ-5 asks for at least 120 s; 30 s is the floor).</summary>
    private const double ShortLifetimeSeconds = 30;

    private static readonly Func<NatBehaviorResultFacts, Finding?>[] Rules =
    {
        f => f.Result.Mapping is NatMappingBehavior.AddressDependent or NatMappingBehavior.AddressAndPortDependent || f.Result.MappingVariesByDestination == true
            ? FindingCodes.NatSymmetric.With("The NAT's mapping is " + Describe(f.Result) + ": every destination gets its own public port, so peers cannot use this machine's srflx candidate.", f.Result.PublicAddress)
            : null,
        f => f.Result.Hairpinning == false
            ? FindingCodes.NatNoHairpinning.With("A packet to the NAT's public address " + HostPort(f.Result) + " from behind it did not come back in: the NAT does not hairpin.", f.Result.PublicAddress)
            : null,
        f => f.Result.BindingLifetimeSeconds is double lived && lived < ShortLifetimeSeconds && lived < f.LimitSeconds
            ? FindingCodes.NatShortBindingLifetime.With("An idle mapping lived " + lived.ToString("0.###", CultureInfo.InvariantCulture) + " s but not twice that: the NAT forgets idle UDP mappings quickly.", f.Result.PublicAddress)
            : null,
        f => f.Result.Mapping == NatMappingBehavior.Inconclusive && f.Result.MappingVariesByDestination != true
            ? FindingCodes.NatInconclusive.With("The mapping behaviour could not be determined: " + string.Join("; ", f.Notes) + ".")
            : null,
    };

    public static void Describe(Probes.NatBehaviorResult result, IReadOnlyList<string> notes, double limitSeconds = double.MaxValue)
    {
        var findings = Rules.Select(rule => rule(new NatBehaviorResultFacts(result, notes, limitSeconds))).OfType<Finding>().ToList();
        result.Findings = findings;
        result.Message = "Public address " + HostPort(result) + (result.PortPreserved == true ? " (port preserved)" : string.Empty)
            + "; mapping " + result.MappingBehavior + ", filtering " + result.FilteringBehavior + " (" + result.Method + ")"
            + (result.Hairpinning is bool hairpin ? "; hairpinning " + (hairpin ? "works" : "does not work") : string.Empty)
            + (result.BindingLifetimeSeconds is double lived ? "; idle mappings live at least " + lived.ToString("0.###", CultureInfo.InvariantCulture) + " s" : string.Empty)
            + (notes.Count > 0 ? ". Notes: " + string.Join("; ", notes) : string.Empty) + ".";
        result.Remediation = string.Join(" ", findings.Select(f => f.Remediation).Distinct());
    }

    private static string Describe(Probes.NatBehaviorResult result) =>
        result.Mapping is NatMappingBehavior.AddressDependent or NatMappingBehavior.AddressAndPortDependent ? result.MappingBehavior : "dependent on the destination";

    private static string HostPort(Probes.NatBehaviorResult result) => StunServerAddress.FormatHostPort(result.PublicAddress, result.PublicPort ?? 0);

    private sealed record NatBehaviorResultFacts(Probes.NatBehaviorResult Result, IReadOnlyList<string> Notes, double LimitSeconds);
}
