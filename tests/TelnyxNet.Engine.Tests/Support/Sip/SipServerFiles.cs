using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Tests.Support.Sip;

/// <summary>
/// The configuration files of the real SIP and DNS servers the tests start (kamailio 5.6, dnsmasq
/// 2.90; shared/lab/README.md §1 and §5), for loopback and for the network lab alike: written from
/// the addresses and ports the caller chose.
/// </summary>
internal static class SipServerFiles
{
    /// <summary>The lab's SIP domain.</summary>
    public const string Domain = "sip.lab.test";

    /// <summary>
    /// kamailio.cfg: OPTIONS over UDP, TCP and TLS on every address; 200 OK, except 503 for a
    /// Request-URI whose host starts with "unavailable." (Telnyx's failover codes), 501 to anything
    /// else. <c>children</c> and <c>tcp_children</c> keep it small; the TLS settings are in tls.cfg.
    /// </summary>
    public static string KamailioConfig(IEnumerable<string> addresses, int port, int tlsPort, string tlsConfigPath)
    {
        var text = new StringBuilder()
            .AppendLine("#!KAMAILIO")
            .AppendLine("debug=2")
            .AppendLine("log_stderror=yes")
            .AppendLine("children=1")
            .AppendLine("tcp_children=1")
            .AppendLine("dns=no")
            .AppendLine("rev_dns=no")
            .AppendLine("auto_aliases=no")
            .AppendLine("enable_tls=yes");
        foreach (var address in addresses)
        {
            text.AppendLine("listen=udp:" + address + ":" + port.ToString(CultureInfo.InvariantCulture))
                .AppendLine("listen=tcp:" + address + ":" + port.ToString(CultureInfo.InvariantCulture))
                .AppendLine("listen=tls:" + address + ":" + tlsPort.ToString(CultureInfo.InvariantCulture));
        }

        return text
            .AppendLine("loadmodule \"tls.so\"")
            .AppendLine("loadmodule \"sl.so\"")
            .AppendLine("modparam(\"tls\", \"config\", \"" + tlsConfigPath + "\")")
            .AppendLine("request_route {")
            .AppendLine("    if (method == \"OPTIONS\") {")
            .AppendLine("        if (uri =~ \"^sips?:unavailable\\.\") { sl_send_reply(\"503\", \"Service Unavailable\"); exit; }")
            .AppendLine("        sl_send_reply(\"200\", \"OK\"); exit;")
            .AppendLine("    }")
            .AppendLine("    sl_send_reply(\"501\", \"Not Implemented\");")
            .AppendLine("}")
            .ToString();
    }

    /// <summary>tls.cfg: the server certificate and key, TLS 1.2 and up, no client certificates.</summary>
    public static string KamailioTlsConfig(string certificatePath, string keyPath) =>
        "[server:default]\nmethod = TLSv1.2+\ncertificate = " + certificatePath + "\nprivate_key = " + keyPath + "\nverify_certificate = no\nrequire_certificate = no\n";

    /// <summary>
    /// dnsmasq.conf for lab.test, listening on <paramref name="listen"/>:<paramref name="dnsPort"/> (UDP and TCP):
    /// <list type="bullet">
    /// <item>sip.lab.test: NAPTR SIPS+D2T, SIP+D2T, SIP+D2U (orders 10, 20, 30) to SRV records that name pbx1 (priority 10, weight 60) and pbx2 (20, 40);</item>
    /// <item>srvonly.lab.test: SRV for UDP and TCP, no NAPTR; aonly.lab.test and unavailable.lab.test: A only; udponly.lab.test: NAPTR for UDP only;</item>
    /// <item>big.lab.test: 40 SRV records with long targets, more than a 1232-byte UDP answer holds (truncation);</item>
    /// <item>fail.lab.test: forwarded to <paramref name="failingUpstream"/> (a resolver that answers SERVFAIL); names outside lab.test: REFUSED; unknown names in lab.test: NXDOMAIN.</item>
    /// </list>
    /// TTLs are 60 s.
    /// </summary>
    public static string DnsmasqConfig(string listen, int dnsPort, string pbx1, string pbx2, int sipPort, int tlsPort, string failingUpstream)
    {
        var text = new StringBuilder()
            .AppendLine("port=" + dnsPort.ToString(CultureInfo.InvariantCulture))
            .AppendLine("listen-address=" + listen)
            .AppendLine("bind-interfaces")
            .AppendLine("no-resolv")
            .AppendLine("no-hosts")
            .AppendLine("no-poll")
            .AppendLine("no-negcache")
            .AppendLine("keep-in-foreground")
            .AppendLine("log-facility=-")
            .AppendLine("log-queries")
            .AppendLine("pid-file=")
            .AppendLine("user=root")
            .AppendLine("local-ttl=60")
            .AppendLine("local=/lab.test/")
            .AppendLine("server=/fail.lab.test/" + failingUpstream)
            .AppendLine("host-record=" + Domain + "," + pbx1)
            .AppendLine("host-record=pbx1." + Domain + "," + pbx1)
            .AppendLine("host-record=pbx2." + Domain + "," + pbx2)
            .AppendLine("host-record=srvonly.lab.test," + pbx1)
            .AppendLine("host-record=aonly.lab.test," + pbx1)
            .AppendLine("host-record=unavailable.lab.test," + pbx1)
            .AppendLine("host-record=udponly.lab.test," + pbx1);
        foreach (var (service, port) in new[] { ("_sip._udp", sipPort), ("_sip._tcp", sipPort), ("_sips._tcp", tlsPort) })
        {
            text.AppendLine("srv-host=" + service + "." + Domain + ",pbx1." + Domain + "," + port + ",10,60")
                .AppendLine("srv-host=" + service + "." + Domain + ",pbx2." + Domain + "," + port + ",20,40");
        }

        text.AppendLine("naptr-record=" + Domain + ",10,50,S,SIPS+D2T,,_sips._tcp." + Domain)
            .AppendLine("naptr-record=" + Domain + ",20,50,S,SIP+D2T,,_sip._tcp." + Domain)
            .AppendLine("naptr-record=" + Domain + ",30,50,S,SIP+D2U,,_sip._udp." + Domain)
            .AppendLine("naptr-record=udponly.lab.test,10,50,S,SIP+D2U,,_sip._udp." + Domain)
            .AppendLine("srv-host=_sip._udp.srvonly.lab.test,pbx1." + Domain + "," + sipPort + ",10,10")
            .AppendLine("srv-host=_sip._tcp.srvonly.lab.test,pbx1." + Domain + "," + sipPort + ",10,10");
        for (var i = 0; i < BigSrvCount; i++)
        {
            text.AppendLine("srv-host=_sip._udp.big.lab.test,a-rather-long-target-name-for-truncation-" + i.ToString("00", CultureInfo.InvariantCulture) + ".lab.test," + sipPort + ",10," + (i + 1).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>How many SRV records big.lab.test has.</summary>
    public const int BigSrvCount = 40;
}
