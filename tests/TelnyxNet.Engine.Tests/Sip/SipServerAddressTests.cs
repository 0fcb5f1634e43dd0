using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>-Server values: sip:/sips: URIs (RFC 3261 §19.1), hosts and ports, ;transport=, and what is wrong with the rest.</summary>
public sealed class SipServerAddressTests
{
    [Theory]
    [InlineData("sip.telnyx.com", "sip.telnyx.com", null, null, false, "sip:sip.telnyx.com")]
    [InlineData("sip:sip.telnyx.com", "sip.telnyx.com", null, null, false, "sip:sip.telnyx.com")]
    [InlineData("SIPS:sip.telnyx.com", "sip.telnyx.com", null, TransportProtocol.Tls, true, "sips:sip.telnyx.com")]
    [InlineData("sip:alice@pbx.example.net:5080;transport=tcp", "pbx.example.net", 5080, TransportProtocol.Tcp, false, "sip:pbx.example.net:5080;transport=tcp")]
    [InlineData("sip:192.0.2.1;transport=UDP;lr", "192.0.2.1", null, TransportProtocol.Udp, false, "sip:192.0.2.1;transport=udp")]
    [InlineData("sip:[2001:db8::1]:5060", "2001:db8::1", 5060, null, false, "sip:[2001:db8::1]:5060")]
    [InlineData("2001:db8::1", "2001:db8::1", null, null, false, "sip:[2001:db8::1]")]
    [InlineData("pbx.example.net:5060", "pbx.example.net", 5060, null, false, "sip:pbx.example.net:5060")]
    [InlineData("pbx.example.net;transport=tls", "pbx.example.net", null, TransportProtocol.Tls, false, "sip:pbx.example.net;transport=tls")]
    [InlineData("sips:pbx.example.net;transport=tcp", "pbx.example.net", null, TransportProtocol.Tls, true, "sips:pbx.example.net")]
    public void Parses(string text, string host, int? port, TransportProtocol? transport, bool secure, string canonical)
    {
        Assert.True(SipServerAddress.TryParse(text, out var server, out var error), error);
        Assert.Equal(host, server!.Host);
        Assert.Equal(port, server.Port);
        Assert.Equal(transport, server.Transport);
        Assert.Equal(secure, server.Secure);
        Assert.Equal(canonical, server.ToString());
        Assert.Equal(text, server.Input);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("sips:pbx.example.net;transport=udp", "RFC 3261 §26.2.2")]
    [InlineData("sip:pbx.example.net;transport=sctp", "not udp, tcp or tls")]
    [InlineData("sip://pbx.example.net", "no '//'")]
    [InlineData("stun:stun.telnyx.com", "not sip: or sips:")]
    [InlineData("sip:pbx.example.net?subject=x", "headers")]
    [InlineData("pbx.example.net:99999", "port")]
    [InlineData("bad host!", "characters")]
    public void Refuses_naming_the_value_and_the_fault(string text, string fault)
    {
        Assert.False(SipServerAddress.TryParse(text, out var server, out var error));
        Assert.Null(server);
        Assert.StartsWith("'" + text + "' is not a valid SIP server: ", error, StringComparison.Ordinal);
        Assert.Contains(fault, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sip.telnyx.com", null, "Udp,Tcp,Tls")]
    [InlineData("sip.telnyx.com", "Tls", "Tls")]
    [InlineData("sips:sip.telnyx.com", null, "Tls")]
    [InlineData("sips:sip.telnyx.com", "Udp", "")]
    [InlineData("pbx.example.net:5060", null, "Udp,Tcp")]
    [InlineData("192.0.2.1", null, "Udp,Tcp,Tls")]
    [InlineData("192.0.2.1;transport=tcp", "Udp,Tcp", "Tcp")]
    public void Chooses_the_transports_to_test(string text, string? filter, string expected)
    {
        Assert.True(SipServerAddress.TryParse(text, out var server, out _));
        var transports = filter?.Split(',').Select(Enum.Parse<TransportProtocol>).ToList();
        Assert.Equal(expected, string.Join(",", Engine.Probes.SipOptionsProbe.TransportsFor(server!, transports)));
    }
}
