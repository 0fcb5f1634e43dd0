using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Readiness;

/// <summary>What the readiness check tests, read from the endpoint catalog.</summary>
public sealed class ConnectivityTargetsTests
{
    private static IReadOnlyList<TelnyxEndpoint> Production => EndpointCatalog.Select(EndpointCatalog.Embedded, TelnyxEnvironment.Production);

    [Fact]
    public void The_built_in_catalog_gives_the_SDKs_servers_and_the_US_SIP_proxies_over_every_transport()
    {
        var targets = ConnectivityTargets.FromCatalog(Production);

        Assert.Equal(new[] { "wss://rtc.telnyx.com/" }, targets.Signaling.Select(t => t.Uri));
        Assert.Equal(new[] { "stun.telnyx.com:3478", "stun.l.google.com:19302" }, targets.StunServers.Select(s => s.Host + ":" + s.Port));
        Assert.Equal(new[] { "turn.telnyx.com 3478 Udp", "turn.telnyx.com 443 Tcp", "turn.telnyx.com 3478 Tcp", "turn.telnyx.com 443 Tls", "turn2.telnyx.com 443 Tls" }, targets.TurnServers.Select(s => s.Host + " " + s.Port + " " + s.Transport));
        Assert.Equal(new[] { "sip.telnyx.com" }, targets.SipServers.Select(s => s.Host));
        Assert.Equal(new[] { "Udp", "Tcp", "Tls" }, targets.SipTransports!.Select(t => t.ToString()));
        Assert.Equal(Production.Count, targets.FirewallRules.Count);
    }

    [Fact]
    public void A_region_picks_its_signaling_host_and_its_SIP_names()
    {
        var targets = ConnectivityTargets.FromCatalog(Production, "eu");

        Assert.Equal(new[] { "wss://eu.rtc.telnyx.com/" }, targets.Signaling.Select(t => t.Uri));
        Assert.Equal(new[] { "sip-eu.telnyx.com", "sip.telnyx.eu" }, targets.SipServers.Select(s => s.Host));
    }

    [Fact]
    public void SIP_is_on_only_when_the_catalog_has_SIP_rows_unless_asked()
    {
        var webrtc = TestCatalog.Parse(TestCatalog.Row("Signaling", "203.0.113.12", 443, "Wss"), TestCatalog.Row("Stun", "203.0.113.10", 3478, "Udp"));
        var withSip = TestCatalog.Parse(TestCatalog.Row("Stun", "203.0.113.10", 3478, "Udp"), TestCatalog.Row("Sip", "203.0.113.10", 5060, "Udp", required: false), TestCatalog.Row("Sip", "203.0.113.10", 5061, "Tls", required: false));

        Assert.Empty(ConnectivityTargets.FromCatalog(webrtc).SipServers);
        Assert.Equal(new[] { "203.0.113.10" }, ConnectivityTargets.FromCatalog(withSip).SipServers.Select(s => s.Host));
        Assert.Equal(new[] { "Udp", "Tls" }, ConnectivityTargets.FromCatalog(withSip).SipTransports!.Select(t => t.ToString()));
        Assert.Empty(ConnectivityTargets.FromCatalog(withSip, includeSip: false).SipServers);
        Assert.Empty(ConnectivityTargets.FromCatalog(Production, includeSip: false).SipServers);
    }

    [Fact]
    public void A_rule_whose_destination_a_part_tests_is_covered_by_that_part()
    {
        var rows = TestCatalog.Parse(
            TestCatalog.Row("Signaling", "203.0.113.12", 443, "Wss"),
            TestCatalog.Row("Signaling", "us-east.rtc.lab.test", 443, "Wss", required: false),
            TestCatalog.Row("Turn", "203.0.113.10", 443, "Tcp"),
            TestCatalog.Row("Sip", "203.0.113.10", 5060, "Udp"),
            TestCatalog.MediaRow);
        var targets = ConnectivityTargets.FromCatalog(rows);

        Assert.Equal(new[] { true, false, true, true, false }, rows.Select(targets.Covers));
        Assert.False(ConnectivityTargets.FromCatalog(rows, includeSip: false).Covers(rows[3]));
    }

    [Fact]
    public void The_regions_are_the_SDKs()
    {
        Assert.Equal(SignalingTarget.Regions, ConnectivityRegions.Names);
        Assert.Throws<ArgumentException>(() => ConnectivityRegions.SipRegionOf("mars"));
    }
}
