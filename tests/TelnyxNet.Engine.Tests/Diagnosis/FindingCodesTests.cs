using System.Text.RegularExpressions;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Tests.Diagnosis;

public sealed class FindingCodesTests
{
    [Fact]
    public void Every_code_is_unique_snake_case_with_a_source_and_a_remediation()
    {
        Assert.NotEmpty(FindingCodes.All);
        Assert.Equal(FindingCodes.All.Count, FindingCodes.All.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(FindingCodes.All, c =>
        {
            Assert.Matches(new Regex("^[a-z][a-z0-9]*(_[a-z0-9]+)+$"), c.Code);
            Assert.False(string.IsNullOrWhiteSpace(c.Source), c.Code);
            Assert.False(string.IsNullOrWhiteSpace(c.Remediation), c.Code);
        });
    }

    [Fact]
    public void The_SDK_network_codes_have_the_SDK_effects()
    {
        Assert.Equal(FindingEffect.Degraded, FindingCodes.Find("network_high_rtt")!.Effect);
        Assert.Equal(FindingEffect.Blocked, FindingCodes.Find("network_one_way_audio")!.Effect);
        Assert.Equal(FindingEffect.Warning, FindingCodes.Find("network_fair_quality")!.Effect);
        Assert.True(FindingCodes.NetworkPoorQuality.FromSdk);
    }

    [Fact]
    public void A_finding_takes_the_code_default_remediation_unless_it_names_its_own()
    {
        var plain = FindingCodes.NetworkHighRtt.With("RTT 320 ms through turn.telnyx.com.", "turn.telnyx.com");
        var own = FindingCodes.NetworkHighRtt.With("RTT 320 ms.", remediation: "Leave the VPN.");

        Assert.Equal("network_high_rtt", plain.Code);
        Assert.Equal("Degraded", plain.Effect);
        Assert.Equal("network", plain.Source);
        Assert.Equal(FindingCodes.NetworkHighRtt.Remediation, plain.Remediation);
        Assert.Equal("turn.telnyx.com", plain.Subject);
        Assert.Equal("Leave the VPN.", own.Remediation);
        Assert.True(plain.IsReason);
        Assert.False(FindingCodes.NetworkFairQuality.With("fair").IsReason);
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_code() => Assert.Null(FindingCodes.Find("no_such_code"));
}
