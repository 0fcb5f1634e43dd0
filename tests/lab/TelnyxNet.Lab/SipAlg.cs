namespace TelnyxNet.Lab;

/// <summary>
/// A rewriting SIP ALG in the NAT namespace, as broken routers have: Linux's own (nf_conntrack_sip
/// and nf_nat_sip, built into this kernel; shared/lab/README.md §5). A raw-table CT rule attaches
/// the "sip" helper to UDP 5060 from the office LAN; the helper then rewrites the Via, Contact, From
/// and To of requests to the NAT's public address and translates the answers back (received= and
/// rport= included), on top of the lab's MASQUERADE. Apply a scenario first: netlab.sh reset
/// flushes the raw table, so the ALG ends with the next scenario.
/// </summary>
public static class SipAlg
{
    /// <summary>The SIP port the helper watches.</summary>
    public const int Port = 5060;

    /// <summary>Turns the ALG on for UDP <see cref="Port"/>.</summary>
    public static Task EnableSipAlgAsync(this NetworkLab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return lab.NatIptablesAsync("-t", "raw", "-A", "PREROUTING", "-i", "v-nat-in", "-p", "udp", "--dport", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "CT", "--helper", "sip");
    }
}
