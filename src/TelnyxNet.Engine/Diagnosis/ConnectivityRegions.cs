namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The regions Test-TelnyxConnectivity takes: the WebRTC SDK's region option (the regions of
/// Telnyx's network requirements, <c>{region}.rtc.telnyx.com</c>: <see cref="Signaling.SignalingTarget.Regions"/>), and the SIP region whose names
/// it tests with each: the Americas' regions the US and Canadian proxies, Europe's the EU ones,
/// Asia-Pacific's and South Asia's the Australian ones (Telnyx's only SIP region in Asia-Pacific).
/// </summary>
public static class ConnectivityRegions
{
    private static readonly (string Name, SipRegion Sip)[] Table =
    {
        ("us-east", SipRegion.Us),
        ("us-central", SipRegion.Us),
        ("us-west", SipRegion.Us),
        ("ca-central", SipRegion.Ca),
        ("eu", SipRegion.Eu),
        ("apac", SipRegion.Au),
        ("south-asia", SipRegion.Au),
    };

    /// <summary>The region names, as the SDK writes them.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(r => r.Name).ToList();

    /// <summary>The SIP region of <paramref name="region"/>; null for no region (the default, US).</summary>
    public static SipRegion? SipRegionOf(string? region)
    {
        if (region is null)
        {
            return null;
        }

        foreach (var (name, sip) in Table)
        {
            if (string.Equals(name, region, StringComparison.OrdinalIgnoreCase))
            {
                return sip;
            }
        }

        throw new ArgumentException("'" + region + "' is not a Telnyx region (" + string.Join(", ", Names) + ").", nameof(region));
    }
}
