namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// TLS inspection products, and the words their re-signing CAs carry in their names (case does not
/// matter). A certificate chain whose issuer or CA names hold one of them was made on the path by
/// that product, not by a public CA. Names are matched in the CA certificates only, never in the
/// server's own certificate.
/// </summary>
internal static class InspectionProducts
{
    private static readonly (string Product, string[] Words)[] Table =
    {
        ("Zscaler", new[] { "Zscaler" }),
        ("Palo Alto Networks", new[] { "Palo Alto Networks" }),
        ("Fortinet FortiGate", new[] { "Fortinet", "FortiGate" }),
        ("Netskope", new[] { "Netskope", "goskope" }),
        ("Symantec / Blue Coat ProxySG", new[] { "Blue Coat", "BlueCoat", "ProxySG", "Symantec Web Security" }),
        ("Cisco Umbrella", new[] { "Cisco Umbrella", "OpenDNS" }),
        ("Forcepoint", new[] { "Forcepoint", "Websense" }),
        ("Sophos", new[] { "Sophos" }),
        ("Check Point", new[] { "Check Point", "CheckPoint" }),
        ("Barracuda", new[] { "Barracuda" }),
        ("McAfee / Skyhigh Security", new[] { "McAfee", "Skyhigh" }),
        ("Trend Micro", new[] { "Trend Micro" }),
        ("WatchGuard", new[] { "WatchGuard" }),
        ("SonicWall", new[] { "SonicWall" }),
        ("Menlo Security", new[] { "Menlo Security" }),
        ("iboss", new[] { "iboss" }),
        ("Lightspeed Systems", new[] { "Lightspeed" }),
        ("Securly", new[] { "Securly" }),
        ("GoGuardian", new[] { "GoGuardian" }),
        ("ContentKeeper", new[] { "ContentKeeper" }),
        ("Untangle", new[] { "Untangle" }),
        ("Kaspersky", new[] { "Kaspersky" }),
        ("ESET", new[] { "ESET SSL Filter" }),
        ("Avast / AVG", new[] { "Avast", "AVG Web" }),
        ("Bitdefender", new[] { "Bitdefender" }),
        ("mitmproxy", new[] { "mitmproxy" }),
        ("Fiddler", new[] { "DO_NOT_TRUST_Fiddler" }),
        ("Charles Proxy", new[] { "Charles Proxy" }),
        ("Burp Suite", new[] { "PortSwigger" }),
    };

    /// <summary>The product whose words appear in any of <paramref name="caNames"/> (issuer and CA subjects), or null.</summary>
    public static string? Match(IEnumerable<string> caNames)
    {
        var names = caNames.ToList();
        return Table.FirstOrDefault(t => t.Words.Any(w => names.Any(n => n.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0))).Product;
    }
}
