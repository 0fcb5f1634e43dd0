using System.Net;
using System.Text;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>Each sign of a rewriting SIP ALG in a standard proxy's answer, and none on a plain path.</summary>
public sealed class SipAlgEvidenceTests
{
    private static readonly IPAddress PublicProxy = IPAddress.Parse("203.0.113.10");
    private readonly SipOptionsRequest _request = SipOptionsRequest.Create("sip.lab.test", TransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 40000), "TelnyxNet/test");

    [Fact]
    public void The_request_is_well_formed()
    {
        var text = Encoding.UTF8.GetString(_request.Encode());

        Assert.StartsWith("OPTIONS sip:sip.lab.test SIP/2.0\r\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\r\nVia: SIP/2\.0/UDP 10\.0\.0\.2:40000;branch=z9hG4bK[0-9a-f]{32};rport\r\n", text);
        Assert.Contains("\r\nMax-Forwards: 70\r\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\r\nFrom: <sip:telnyxnet@10\.0\.0\.2:40000>;tag=[0-9a-f]{16}\r\n", text);
        Assert.Contains("\r\nTo: <sip:sip.lab.test>\r\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\r\nCall-ID: [0-9a-f]{32}@10\.0\.0\.2\r\n", text);
        Assert.Contains("\r\nCSeq: 1 OPTIONS\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nContact: <sip:telnyxnet@10.0.0.2:40000;transport=udp>\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nUser-Agent: TelnyxNet/test\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\nContent-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
        Assert.NotEqual(_request.Branch, SipOptionsRequest.Create("sip.lab.test", TransportProtocol.Udp, _request.Local, "x").Branch);
    }

    [Fact]
    public void A_plain_NAT_shows_nothing() =>
        Assert.Empty(Inspect(Answer(received: "203.0.113.1")));

    [Fact]
    public void Received_naming_the_private_address_of_this_machine_is_evidence() =>
        Assert.Contains(Inspect(Answer(received: "10.0.0.2")), e => e.Contains("received=10.0.0.2 is this machine's own private address", StringComparison.Ordinal));

    [Fact]
    public void No_received_from_a_private_address_to_a_public_proxy_is_evidence() =>
        Assert.Contains(Inspect(Answer(received: null)), e => e.Contains("no received=", StringComparison.Ordinal));

    [Fact]
    public void Private_to_private_proves_nothing_about_received() =>
        Assert.Empty(SipAlgEvidence.Inspect(_request, Answer(received: null), IPAddress.Parse("10.0.0.9")));

    [Theory]
    [InlineData("sent-by", "The top Via's sent-by came back as 203.0.113.1:40000")]
    [InlineData("branch", "branch came back")]
    [InlineData("extra-via", "2 Via headers")]
    [InlineData("call-id", "The Call-ID came back")]
    [InlineData("from", "The From URI came back")]
    [InlineData("tag", "The From tag came back")]
    [InlineData("to", "The To URI came back")]
    [InlineData("cseq", "The CSeq came back")]
    [InlineData("length", "Content-Length says 12")]
    [InlineData("transport", "transport came back as TCP")]
    public void Each_rewrite_is_evidence(string rewrite, string evidence) =>
        Assert.Contains(Inspect(Answer(received: "203.0.113.1", rewrite: rewrite)), e => e.Contains(evidence, StringComparison.Ordinal));

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("169.254.1.1", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("203.0.113.1", false)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("2001:db8::1", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    public void Knows_private_addresses(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, SipAlgEvidence.IsPrivate(IPAddress.Parse(address)));

    private IReadOnlyList<string> Inspect(SipResponse response) => SipAlgEvidence.Inspect(_request, response, PublicProxy);

    private SipResponse Answer(string? received, string rewrite = "")
    {
        var via = "SIP/2.0/" + (rewrite == "transport" ? "TCP" : "UDP") + " " + (rewrite == "sent-by" ? "203.0.113.1:40000" : _request.SentBy)
            + ";branch=" + (rewrite == "branch" ? "z9hG4bKother" : _request.Branch) + ";rport=40000" + (received is null ? string.Empty : ";received=" + received);
        var text = new StringBuilder("SIP/2.0 200 OK\r\n")
            .Append("Via: ").Append(via).Append("\r\n");
        if (rewrite == "extra-via")
        {
            text.Append("Via: SIP/2.0/UDP 192.168.1.1:5060;branch=z9hG4bKalg\r\n");
        }

        text.Append("From: <").Append(rewrite == "from" ? "sip:telnyxnet@203.0.113.1:40000" : _request.FromUri).Append(">;tag=").Append(rewrite == "tag" ? "00" : _request.FromTag).Append("\r\n")
            .Append("To: <").Append(rewrite == "to" ? "sip:other.lab.test" : _request.ToUri).Append(">;tag=srv\r\n")
            .Append("Call-ID: ").Append(rewrite == "call-id" ? "x@203.0.113.1" : _request.CallId).Append("\r\n")
            .Append("CSeq: ").Append(rewrite == "cseq" ? "2 OPTIONS" : "1 OPTIONS").Append("\r\n")
            .Append("Content-Length: ").Append(rewrite == "length" ? "12" : "0").Append("\r\n\r\n");
        if (rewrite == "length")
        {
            text.Append("v=0\r\no=- 1 1 IN IP4 203.0.113.1\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.True(SipResponse.TryParse(bytes, 0, bytes.Length, out var response, out var error), error);
        return response!;
    }
}
