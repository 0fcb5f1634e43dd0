namespace TelnyxNet.Engine.Diagnosis;

/// <summary>TelnyxNet's DNS codes (the engine's DNS client, as Test-TelnyxSip uses it; see <see cref="SipFindings"/>).</summary>
public static partial class FindingCodes
{
    /// <summary>A server's name did not resolve at all (NXDOMAIN, SERVFAIL, REFUSED, no resolver answered, no records).</summary>
    public static readonly FindingCode DnsFailure = Own("dns_failure", FindingEffect.Blocked, "dns",
        "The name does not resolve: check the DNS servers this machine uses and that outbound DNS (UDP and TCP 53) is allowed; test another resolver with -DnsServer to tell the resolver from the path.");

    /// <summary>A configured resolver did not answer, and another one did.</summary>
    public static readonly FindingCode DnsResolverUnresponsive = Own("dns_resolver_unresponsive", FindingEffect.Warning, "dns",
        "One of this machine's DNS resolvers does not answer: every lookup that tries it first waits. Fix or remove it from the network settings (DHCP).");

    /// <summary>A SIP domain resolved only through A/AAAA: its NAPTR and SRV records are missing or filtered.</summary>
    public static readonly FindingCode DnsSipRecordsMissing = Own("dns_sip_records_missing", FindingEffect.Warning, "dns",
        "The SIP domain's NAPTR and SRV records did not come back, so clients fall back to A records and default ports: a DNS filter may drop these record types. Telnyx publishes both.");
}
