namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// One root cause and what follows from it: when <see cref="Root"/> is a reason, each of
/// <see cref="Consequences"/> that is a reason too becomes a warning ("Consequence of …"), so that
/// one cause gives one reason. <see cref="When"/>, if any, must be among the findings as first
/// found (before any rule ran). A consequence never outranks its root, so no rule changes the verdict.
/// </summary>
internal sealed class ConsequenceRule
{
    public ConsequenceRule(FindingCode root, FindingCode[] consequences, FindingCode[]? when = null)
    {
        if (consequences.Any(c => c.Effect > root.Effect))
        {
            throw new ArgumentException(root.Code + " cannot make a more severe code its consequence.", nameof(consequences));
        }

        Root = root;
        Consequences = consequences;
        When = when ?? Array.Empty<FindingCode>();
    }

    public FindingCode Root { get; }

    public IReadOnlyList<FindingCode> Consequences { get; }

    public IReadOnlyList<FindingCode> When { get; }
}

/// <summary>
/// The readiness check's table of root causes, read in order: how one blocked path shows up in
/// several parts (UDP blocked: no srflx candidate, ICE over TCP, the firewall's UDP rules, SIP over
/// UDP, NAT tests that get no answer) and which finding names it best. The SDK's own code is the
/// reason where it has one (<c>ice_turn_required</c>, <c>ice_only_host_candidates</c>).
/// </summary>
internal static class ConsequenceRules
{
    public static IReadOnlyList<ConsequenceRule> All { get; } = new[]
    {
        new ConsequenceRule(FindingCodes.IceTurnRequired, new[] { FindingCodes.IceUdpBlocked, FindingCodes.FirewallUdpBlocked, FindingCodes.IceGatheringTimeout, FindingCodes.NatSymmetric }),
        new ConsequenceRule(FindingCodes.IceTurnRequired, new[] { FindingCodes.SipUdpBlocked }, when: new[] { FindingCodes.IceUdpBlocked, FindingCodes.FirewallUdpBlocked }),
        new ConsequenceRule(FindingCodes.IceOnlyHostCandidates, new[] { FindingCodes.IceUdpBlocked, FindingCodes.FirewallUdpBlocked, FindingCodes.IceGatheringTimeout }),
        new ConsequenceRule(FindingCodes.IceUdpBlocked, new[] { FindingCodes.FirewallUdpBlocked, FindingCodes.SipUdpBlocked, FindingCodes.IceGatheringTimeout }),
        new ConsequenceRule(FindingCodes.FirewallUdpBlocked, new[] { FindingCodes.SipUdpBlocked, FindingCodes.IceGatheringTimeout }),
        new ConsequenceRule(FindingCodes.SignalingTlsUntrusted, new[] { FindingCodes.FirewallRuleIntercepted }),
        new ConsequenceRule(FindingCodes.TlsIntercepted, new[] { FindingCodes.FirewallRuleIntercepted }),
        new ConsequenceRule(FindingCodes.DnsFailure, new[] { FindingCodes.IceGatheringTimeout }),
        new ConsequenceRule(FindingCodes.NetworkNoAudioFlow, new[] { FindingCodes.NetworkOneWayAudio }),
    };

    /// <summary>
    /// Codes whose evidence a Ready does not need: the NAT's behaviour explains candidates and the
    /// media path, which decide. When it cannot be told, the check says so as a warning.
    /// </summary>
    public static IReadOnlyList<FindingCode> Supplementary { get; } = new[] { FindingCodes.NatInconclusive };
}
