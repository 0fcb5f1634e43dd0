using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Signaling;

/// <summary>The opening handshake of RFC 6455 §4: the request, and the client's checks of the answer (§4.1).</summary>
public sealed class WebSocketHandshakeTests
{
    /// <summary>The key of RFC 6455 §1.3.</summary>
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private const string Accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    [Fact]
    public void Answers_the_key_of_RFC_6455_section_1_3_as_it_says()
    {
        Assert.Equal(Accept, WebSocketHandshake.AcceptFor(Key));
        Assert.Equal(16, Convert.FromBase64String(WebSocketHandshake.NewKey()).Length);
        Assert.NotEqual(WebSocketHandshake.NewKey(), WebSocketHandshake.NewKey());
    }

    [Fact]
    public void The_request_asks_for_version_13_on_the_resource_with_the_host_and_port()
    {
        Assert.True(SignalingTarget.TryParse("wss://rtc.example:8443/path?q=1", out var target, out _));

        var request = Encoding.ASCII.GetString(WebSocketHandshake.Request(target!, Key, "sip", "TelnyxNet/test"));

        Assert.StartsWith("GET /path?q=1 HTTP/1.1\r\nHost: rtc.example:8443\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Key + "\r\nSec-WebSocket-Version: 13\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Protocol: sip\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_a_valid_answer()
    {
        var head = await Head("HTTP/1.1 101 Switching Protocols\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\n\r\n");

        WebSocketHandshake.Check(head, Key, string.Empty, "the server");
    }

    [Fact]
    public async Task A_status_other_than_101_is_UpgradeRejected_naming_a_proxy_that_answered()
    {
        var head = await Head("HTTP/1.1 403 Forbidden\r\nVia: 1.1 proxy.corp (squid/5.7)\r\nServer: squid\r\n\r\n");

        var error = Assert.Throws<ProbeException>(() => WebSocketHandshake.Check(head, Key, string.Empty, "rtc.telnyx.com:443"));

        Assert.Equal((FailureReason.UpgradeRejected, (int?)403), (error.Reason, error.ErrorCode));
        Assert.Equal("rtc.telnyx.com:443 refused the WebSocket upgrade: 403 Forbidden. A proxy on the path answered for the server (Via: 1.1 proxy.corp (squid/5.7); Server: squid).", error.Message);
    }

    [Theory]
    [InlineData("Upgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept, "Upgrade field is 'h2c'")]
    [InlineData("Connection: Upgrade\r\nSec-WebSocket-Accept: " + Accept, "Upgrade field is '(missing)'")]
    [InlineData("Upgrade: websocket\r\nConnection: close\r\nSec-WebSocket-Accept: " + Accept, "Connection field is 'close', without 'Upgrade'")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade", "carries no Sec-WebSocket-Accept")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAA", "does not answer this request's key")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\nSec-WebSocket-Extensions: permessage-deflate", "extension 'permessage-deflate'")]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\nSec-WebSocket-Protocol: chat", "subprotocol 'chat', which this client did not ask for")]
    public async Task A_101_that_breaks_section_4_1_is_a_protocol_error(string fields, string expected)
    {
        var head = await Head("HTTP/1.1 101 Switching Protocols\r\n" + fields + "\r\n\r\n");

        var error = Assert.Throws<ProbeException>(() => WebSocketHandshake.Check(head, Key, string.Empty, "the server"));

        Assert.Equal(FailureReason.ProtocolError, error.Reason);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subprotocol_asked_for_must_be_chosen()
    {
        var head = await Head("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + Accept + "\r\n\r\n");

        var error = Assert.Throws<ProbeException>(() => WebSocketHandshake.Check(head, Key, "sip", "the server"));

        Assert.Contains("did not accept the subprotocol 'sip'", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseHead> Head(string text) => HttpResponseHead.ReadAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), "the server");
}
