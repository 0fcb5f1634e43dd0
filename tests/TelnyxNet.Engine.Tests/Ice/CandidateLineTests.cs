using System.Net;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>The candidate attribute against RFC 8839 §5.1, read back by an independent parser.</summary>
public sealed class CandidateLineTests
{
    [Fact]
    public void Writes_a_host_candidate_as_browsers_do()
    {
        var host = new IceCandidate { Kind = IceCandidateType.Host, Address = "192.168.1.10", Port = 54400, Priority = 2130182143, Foundation = "679910202" };

        Assert.Equal("candidate:679910202 1 udp 2130182143 192.168.1.10 54400 typ host", host.CandidateLine);
        CandidateLineParser.AssertRoundTrips(host);
    }

    [Fact]
    public void Writes_raddr_and_rport_for_srflx_and_relay()
    {
        var srflx = new IceCandidate { Kind = IceCandidateType.Srflx, Address = "203.0.113.1", Port = 61000, Priority = 1694498815, Foundation = "2103050666", RelatedAddress = "10.0.0.2", RelatedPort = 54400 };
        var relay = new IceCandidate { Kind = IceCandidateType.Relay, Address = "203.0.113.10", Port = 49160, Priority = 13893631, Foundation = "335406814", RelatedAddress = "203.0.113.1", RelatedPort = 61002, RelayTransport = TransportProtocol.Tls };

        Assert.Equal("candidate:2103050666 1 udp 1694498815 203.0.113.1 61000 typ srflx raddr 10.0.0.2 rport 54400", srflx.CandidateLine);
        Assert.Equal("candidate:335406814 1 udp 13893631 203.0.113.10 49160 typ relay raddr 203.0.113.1 rport 61002", relay.CandidateLine);
        Assert.Equal("tls", relay.RelayProtocol);
        CandidateLineParser.AssertRoundTrips(srflx);
        CandidateLineParser.AssertRoundTrips(relay);
    }

    [Fact]
    public void Writes_IPv6_addresses_without_brackets()
    {
        var host = new IceCandidate { Kind = IceCandidateType.Host, Address = IPAddress.Parse("fd00:1::2").ToString(), Port = 5000, Priority = 2130706431, Foundation = "1" };

        Assert.Equal("candidate:1 1 udp 2130706431 fd00:1::2 5000 typ host", host.CandidateLine);
        CandidateLineParser.AssertRoundTrips(host);
    }

    [Theory]
    [InlineData("candidate:1 1 udp 2130706431 192.0.2.1 5000 typ host")]
    [InlineData("candidate:842163049 1 udp 1677729535 198.51.100.7 60769 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag 4ZcD network-cost 999")]
    [InlineData("candidate:3 1 UDP 12345 2001:db8::1 3478 typ relay raddr 2001:db8::2 rport 5000")]
    public void The_parser_reads_what_browsers_write(string line) => CandidateLineParser.Parse(line);

    [Theory]
    [InlineData("a=candidate:1 1 udp 1 192.0.2.1 5000 typ host")]
    [InlineData("candidate:1 1 udp 1 192.0.2.1 5000 host")]
    [InlineData("candidate:1 1 udp 1 [2001:db8::1] 5000 typ host")]
    [InlineData("candidate:123456789012345678901234567890123 1 udp 1 192.0.2.1 5000 typ host")]
    public void The_parser_rejects_what_the_grammar_does_not_allow(string line) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CandidateLineParser.Parse(line));
}
