using System.Text;
using TelnyxNet.Engine.Sip;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>The response decoder (RFC 3261 §7): status line, compact and folded headers, several Vias, bodies, and what it refuses.</summary>
public sealed class SipResponseTests
{
    [Fact]
    public void Reads_compact_folded_and_comma_separated_headers()
    {
        var response = Parse("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKa;rport=5060;received=203.0.113.1,\r\n SIP/2.0/UDP proxy.example;branch=z9hG4bKb\r\ni: abc@10.0.0.2\r\nf: <sip:a@b>;tag=1\r\nt: <sip:c@d>\r\nCSeq: 1 OPTIONS\r\nServer: kamailio\r\nl: 4\r\n\r\nbody");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(2, response.Vias.Count);
        Assert.Equal("abc@10.0.0.2", response.Header("Call-ID"));
        Assert.Equal(4, response.ContentLength);
        Assert.Equal(4, response.BodyLength);
        Assert.True(SipVia.TryParse(response.Vias[0], out var top));
        Assert.Equal("UDP", top!.Transport);
        Assert.Equal("10.0.0.2:5060", top.SentBy);
        Assert.Equal("203.0.113.1", top.Received);
        Assert.Equal(5060, top.ReceivedPort);
        Assert.Equal("z9hG4bKa", top.Branch);
    }

    [Theory]
    [InlineData("SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n", "no end of the header section")]
    [InlineData("OPTIONS sip:x SIP/2.0\r\n\r\n", "a request")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n", "not a SIP/2.0 status line")]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n", "three digits")]
    [InlineData("SIP/2.0 099 Low\r\n\r\n", "100 to 699")]
    [InlineData("SIP/2.0 200 OK\r\n folded first\r\n\r\n", "continuation line")]
    [InlineData("SIP/2.0 200 OK\r\nno colon here\r\n\r\n", "without a name")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nshort", "Content-Length 10")]
    public void Refuses_what_is_not_a_response(string text, string fault)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.False(SipResponse.TryParse(bytes, 0, bytes.Length, out var response, out var error));
        Assert.Null(response);
        Assert.Contains(fault, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP [2001:db8::2]:5062;branch=x", "2001:db8::2", 5062)]
    [InlineData("SIP / 2.0 / TCP host.example;rport", "host.example", null)]
    public void Reads_IPv6_and_spaced_Vias(string text, string host, int? port)
    {
        Assert.True(SipVia.TryParse(text, out var via));
        Assert.Equal(host, via!.Host);
        Assert.Equal(port, via.Port);
        Assert.Null(via.ReceivedPort);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/3.0/UDP host")]
    [InlineData("SIP/2.0/UDP host:0")]
    [InlineData("SIP/2.0/UDP [2001:db8::2")]
    public void Refuses_broken_Vias(string text) => Assert.False(SipVia.TryParse(text, out _));

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(3261);
        var prefix = Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nVia: ");
        for (var i = 0; i < 5000; i++)
        {
            var bytes = prefix.Concat(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (byte)random.Next(256))).ToArray();
            if (SipResponse.TryParse(bytes, 0, bytes.Length, out var response, out _))
            {
                _ = response!.Vias.Select(v => SipVia.TryParse(v, out _)).ToList();
            }
        }
    }

    private static SipResponse Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(SipResponse.TryParse(bytes, 0, bytes.Length, out var response, out var error), error);
        return response!;
    }
}
