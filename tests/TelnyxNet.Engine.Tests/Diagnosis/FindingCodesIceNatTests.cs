using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Diagnosis;

/// <summary>The ICE and NAT rows of the finding table: the SDK's ICE codes with the effects its verdict.ts gives them (telnyx-facts.md), and ours.</summary>
public sealed class FindingCodesIceNatTests
{
    [Theory]
    [InlineData("ice_no_candidates", "Inconclusive", true)]
    [InlineData("ice_only_host_candidates", "Degraded", true)]
    [InlineData("ice_turn_required", "Degraded", true)]
    [InlineData("ice_gathering_timeout", "Degraded", true)]
    [InlineData("ice_server_no_candidates", "Warning", true)]
    [InlineData("ice_server_failed", "Degraded", true)]
    [InlineData("ice_multiple_interfaces", "Warning", true)]
    [InlineData("ice_vpn_detected", "Warning", true)]
    [InlineData("ice_container_bridge", "Warning", false)]
    [InlineData("ice_cgnat", "Warning", false)]
    [InlineData("ice_no_ipv6", "Warning", false)]
    [InlineData("ice_udp_blocked", "Degraded", false)]
    [InlineData("nat_symmetric", "Degraded", false)]
    [InlineData("nat_no_hairpinning", "Warning", false)]
    [InlineData("nat_short_binding_lifetime", "Warning", false)]
    [InlineData("nat_inconclusive", "Inconclusive", false)]
    public void Registers_the_code_with_its_effect_and_origin(string code, string effect, bool fromSdk)
    {
        var registered = FindingCodes.Find(code);

        Assert.NotNull(registered);
        Assert.Equal(effect, registered!.Effect.ToString());
        Assert.Equal(fromSdk, registered.FromSdk);
        Assert.Equal(code.Substring(0, code.IndexOf('_')), registered.Source);
    }

    [Fact]
    public void Registers_no_other_ICE_or_NAT_code() =>
        Assert.Equal(16, FindingCodes.All.Count(c => c.Source is "ice" or "nat"));

    [Fact]
    public void ICE_findings_set_the_verdict_as_the_SDK_does_and_warnings_never_do()
    {
        var none = Array.Empty<string>();
        Assert.Equal(ReadinessVerdict.Inconclusive, VerdictRules.Decide(new[] { FindingCodes.IceNoCandidates.With("none") }, none));
        Assert.Equal(ReadinessVerdict.Degraded, VerdictRules.Decide(new[] { FindingCodes.IceOnlyHostCandidates.With("host only"), FindingCodes.IceVpnDetected.With("vpn", "utun3") }, none));
        Assert.Equal(ReadinessVerdict.Degraded, VerdictRules.Decide(new[] { FindingCodes.IceTurnRequired.With("relay only"), FindingCodes.IceUdpBlocked.With("udp") }, none));
        Assert.Equal(ReadinessVerdict.Ready, VerdictRules.Decide(new[] { FindingCodes.IceMultipleInterfaces.With("2"), FindingCodes.IceNoIpv6.With("v4"), FindingCodes.IceContainerBridge.With("docker0"), FindingCodes.IceCgnat.With("100.64.0.1"), FindingCodes.NatNoHairpinning.With("no") }, none));
        Assert.Equal(ReadinessVerdict.Degraded, VerdictRules.Decide(new[] { FindingCodes.NatSymmetric.With("symmetric") }, none));
    }
}
