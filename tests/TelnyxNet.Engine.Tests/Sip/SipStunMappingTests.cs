using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>
/// The SIP ALG rule that holds the proxy's received/rport against a STUN mapping of the same socket
/// (issue 11 §2): the rule's table, then scripted STUN and SIP servers on loopback, where one socket
/// asks both and a proxy whose rport disagrees with the STUN answer is flagged.
/// </summary>
public sealed class SipStunMappingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("10.0.0.2:5000", "203.0.113.1:5000", "203.0.113.1", 5000, null, "Agrees with the STUN mapping")]
    [InlineData("10.0.0.2:5000", "203.0.113.1:5000", "10.0.0.2", 5000, "this machine's own address 10.0.0.2", "where no NAT explains it")]
    [InlineData("10.0.0.2:5000", "203.0.113.1:6000", "10.0.0.2", 5000, "puts the inside address back", "where no NAT explains it")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000", "127.0.0.1", 5001, "no NAT translates this socket", "where no NAT explains it")]
    [InlineData("10.0.0.2:5000", "203.0.113.1:6000", "203.0.113.1", 6001, null, "in the port only (6001)")]
    [InlineData("10.0.0.2:5000", "203.0.113.1:6000", "198.51.100.9", 6000, null, "several public addresses")]
    [InlineData("10.0.0.2:5000", "203.0.113.1:6000", "192.168.50.1", 6000, "a private address on the far side of a NAT", "where no NAT explains it")]
    public void Holds_the_proxys_view_against_the_STUN_mapping(string local, string mapped, string received, int rport, string? evidence, string note)
    {
        var (found, said) = SipStunCheck.Compare(Via(received, rport), IPEndPoint.Parse(local), Mapping(mapped), IPAddress.Parse("203.0.113.10"));

        if (evidence is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(evidence, found, StringComparison.Ordinal);
            Assert.Contains("SIP ALG", found, StringComparison.Ordinal);
        }

        Assert.Contains(note, said, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_not_compared_without_rport_or_across_a_NAT_boundary()
    {
        var local = IPEndPoint.Parse("10.0.0.2:5000");
        var noRport = SipStunCheck.Compare(Via("203.0.113.1", null), local, Mapping("203.0.113.1:5000"), IPAddress.Parse("203.0.113.10"));
        var across = SipStunCheck.Compare(Via("10.0.0.2", 5000), local, Mapping("203.0.113.1:5000"), IPAddress.Parse("192.168.1.10"));

        Assert.Null(noRport.Evidence);
        Assert.Contains("no rport=", noRport.Note, StringComparison.Ordinal);
        Assert.Null(across.Evidence);
        Assert.Contains("different sides of a NAT", across.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_socket_asks_the_STUN_server_and_the_proxy_and_they_agree_on_a_plain_path()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.MappedToSource);
        using var proxy = new HostileUdpServer(Proxy(portShift: 0));

        var result = Assert.Single(await RunAsync(proxy, stun.EndPoint));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal(("127.0.0.1", result.LocalPort), (result.MappedAddress, result.MappedPort));
        Assert.Equal(result.LocalPort, result.ReceivedPort);
        Assert.StartsWith("Agrees with the STUN mapping", result.MappingCheck, StringComparison.Ordinal);
        Assert.False(result.AlgSuspected);
        Assert.Equal(1, stun.Distinct);
    }

    [Fact]
    public async Task A_proxy_whose_rport_disagrees_with_the_STUN_answer_is_SIP_ALG_evidence()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.MappedToSource);
        using var proxy = new HostileUdpServer(Proxy(portShift: 7));

        var result = Assert.Single(await RunAsync(proxy, stun.EndPoint));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.True(result.AlgSuspected);
        var evidence = Assert.Single(result.AlgEvidence);
        Assert.Contains("no NAT translates this socket", evidence, StringComparison.Ordinal);
        Assert.Contains(":" + (result.LocalPort + 7), evidence, StringComparison.Ordinal);
        Assert.Contains("SIP ALG", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_STUN_server_leaves_a_note_and_the_OPTIONS_still_goes_out()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.Silent);
        using var proxy = new HostileUdpServer(Proxy(portShift: 7));

        var result = Assert.Single(await RunAsync(proxy, stun.EndPoint));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.False(result.AlgSuspected);
        Assert.Equal(string.Empty, result.MappedAddress);
        Assert.Contains("gave this socket no answer", result.MappingCheck, StringComparison.Ordinal);
        Assert.True(stun.Received >= 2, "RFC 8489 retransmissions within the STUN wait: " + stun.Received);
    }

    [Fact]
    public async Task The_shared_socket_still_hears_ICMP_port_unreachable_as_refused()
    {
        using var stun = new HostileUdpServer(UdpBehaviours.MappedToSource);
        var closed = ClosedUdpPort();

        Assert.True(SipServerAddress.TryParse("127.0.0.1:" + closed + ";transport=udp", out var server, out var error), error);
        var result = Assert.Single(await SipOptionsProbe.RunAsync(Options(server!, stun.EndPoint), new CollectingLog(), null, CancellationToken.None));

        Assert.True(result.Reason == FailureReason.Refused, result.Reason + ": " + result.Message);
        Assert.Equal(0, result.Retransmissions);
    }

    private static SipOptionsOptions Options(SipServerAddress server, IPEndPoint stun) => new()
    {
        Servers = new[] { server },
        Timeout = Timeout,
        DnsServers = Array.Empty<IPEndPoint>(),
        StunServer = StunServerAddress.Create(stun.Address.ToString(), stun.Port, TransportProtocol.Udp),
        Retransmission = new RetransmissionPolicy(TimeSpan.FromMilliseconds(100), 7, 16),
        StunTimeout = TimeSpan.FromMilliseconds(500),
    };

    private static Task<IReadOnlyList<SipOptionsResult>> RunAsync(HostileUdpServer proxy, IPEndPoint stun)
    {
        Assert.True(SipServerAddress.TryParse(proxy.Server + ";transport=udp", out var server, out var error), error);
        return SipOptionsProbe.RunAsync(Options(server!, stun), new CollectingLog(), null, CancellationToken.None);
    }

    /// <summary>A SIP proxy that answers 200 with received= the true source address and rport= its port plus <paramref name="portShift"/>.</summary>
    private static UdpBehaviour Proxy(int portShift) => exchange =>
    {
        var text = Encoding.UTF8.GetString(exchange.Request);
        string Header(string name) => Regex.Match(text, "\r\n" + name + ": ([^\r]*)").Groups[1].Value;
        var via = Header("Via").Replace(";rport", ";rport=" + (exchange.Client.Port + portShift) + ";received=" + exchange.Client.Address, StringComparison.Ordinal);
        return exchange.ReplyAsync(Encoding.UTF8.GetBytes("SIP/2.0 200 OK\r\nVia: " + via + "\r\nFrom: " + Header("From") + "\r\nTo: " + Header("To") + ";tag=x\r\nCall-ID: " + Header("Call-ID") + "\r\nCSeq: " + Header("CSeq") + "\r\nContent-Length: 0\r\n\r\n"));
    };

    private static SipVia Via(string received, int? rport)
    {
        Assert.True(SipVia.TryParse("SIP/2.0/UDP 10.0.0.2:5000;branch=z9hG4bKabc" + (rport is int port ? ";rport=" + port : string.Empty) + ";received=" + received, out var via));
        return via!;
    }

    private static SipMapping Mapping(string mapped) => new("203.0.113.10:3478", IPAddress.Parse("203.0.113.10"), IPEndPoint.Parse(mapped), string.Empty);

    private static int ClosedUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
