using TelnyxNet.Engine.Sip;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Which of Telnyx's SIP regions to test (shared/reference/telnyx-facts.md, "SIP names disagree across Telnyx pages").</summary>
public enum SipRegion
{
    /// <summary>United States: sip.telnyx.com (the default).</summary>
    Us,

    /// <summary>Europe.</summary>
    Eu,

    /// <summary>Canada.</summary>
    Ca,

    /// <summary>Australia.</summary>
    Au,
}

/// <summary>
/// Telnyx's SIP signaling names. Telnyx's own pages disagree on the regional names, so a region
/// stands for every name its pages give, each tested and reported; the addresses always come from
/// DNS at run time (RFC 3263), never from a list here.
/// </summary>
public static class TelnyxSipEndpoints
{
    /// <summary>The default: Telnyx's US signaling name.</summary>
    public const string DefaultHost = "sip.telnyx.com";

    private static readonly IReadOnlyDictionary<SipRegion, string[]> Names = new Dictionary<SipRegion, string[]>
    {
        [SipRegion.Us] = new[] { DefaultHost },
        [SipRegion.Eu] = new[] { "sip-eu.telnyx.com", "sip.telnyx.eu" },
        [SipRegion.Ca] = new[] { "sip-ca.telnyx.com", "sip.telnyx.ca" },
        [SipRegion.Au] = new[] { "sip-au.telnyx.com", "sip.telnyx.com.au" },
    };

    /// <summary>The names of <paramref name="region"/>.</summary>
    public static IReadOnlyList<string> HostsOf(SipRegion region) => Names[region];

    /// <summary>The servers of <paramref name="regions"/> (none: the default), each name once.</summary>
    public static IReadOnlyList<SipServerAddress> Servers(IEnumerable<SipRegion>? regions)
    {
        var chosen = regions?.Distinct().ToList() ?? new List<SipRegion>();
        return (chosen.Count == 0 ? new[] { SipRegion.Us } : (IEnumerable<SipRegion>)chosen)
            .SelectMany(HostsOf)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(SipServerAddress.Create)
            .ToList();
    }
}
