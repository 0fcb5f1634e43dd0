namespace TelnyxNet.Engine.Diagnosis;

/// <summary>NAT behaviour (RFC 4787, RFC 5780): TelnyxNet's codes; the SDK has none.</summary>
public static partial class FindingCodes
{
    /// <summary>The mapping varies by destination (address- or address-and-port-dependent: "symmetric NAT").</summary>
    public static readonly FindingCode NatSymmetric = Own("nat_symmetric", FindingEffect.Degraded, "nat",
        "A symmetric NAT maps every destination to a new port, so peers cannot reach this machine's srflx candidates: media needs TURN. Keep UDP 3478 and TCP/TLS 443 to turn.telnyx.com open; as a last resort, create calls with forceRelayCandidate: true to skip direct connectivity attempts.");

    /// <summary>The NAT does not hairpin: two clients behind it cannot reach each other through its public address.</summary>
    public static readonly FindingCode NatNoHairpinning = Own("nat_no_hairpinning", FindingEffect.Warning, "nat",
        "Calls between two devices behind this same NAT cannot use their srflx candidates; they connect over host candidates on the LAN or through TURN. Enable NAT loopback (hairpinning) on the router if such calls fail.");

    /// <summary>The NAT forgets an idle UDP mapping quickly.</summary>
    public static readonly FindingCode NatShortBindingLifetime = Own("nat_short_binding_lifetime", FindingEffect.Warning, "nat",
        "The NAT drops idle UDP mappings within 30 s: calls on hold or with silence suppression may lose media. Raise the router's or firewall's UDP timeout to at least 120 s.");

    /// <summary>The mapping behaviour could not be determined.</summary>
    public static readonly FindingCode NatInconclusive = Own("nat_inconclusive", FindingEffect.Inconclusive, "nat",
        "Test against a STUN server that supports RFC 5780 (OTHER-ADDRESS), or two servers that both answer, to tell the NAT's mapping behaviour.");
}
