using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Signaling;

/// <summary>Response heads of proxies and WebSocket servers (RFC 9112 §4, §5), from honest and hostile peers.</summary>
public sealed class HttpResponseHeadTests
{
    [Fact]
    public async Task Reads_the_status_and_fields_and_keeps_the_bytes_after_the_head()
    {
        var head = await ReadAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nvia: 1.1 a\r\nVia: 1.1 b\r\n\r\n\x81\x02hi");

        Assert.Equal((101, "Switching Protocols", "HTTP/1.1"), (head.Status, head.Reason, head.Version));
        Assert.Equal("websocket", head.Value("UPGRADE"));
        Assert.Equal("1.1 a, 1.1 b", head.Value("Via"));
        Assert.Null(head.Value("Server"));
        Assert.Equal(new byte[] { 0x81, 0x02, (byte)'h', (byte)'i' }, head.Rest);
    }

    [Fact]
    public async Task Takes_bare_line_feeds_and_an_empty_reason_from_HTTP_1_0_proxies()
    {
        var head = await ReadAsync("HTTP/1.0 200\nProxy-agent: tinyproxy/1.11.1\n\n");

        Assert.Equal((200, string.Empty), (head.Status, head.Reason));
        Assert.Equal("tinyproxy/1.11.1", head.Value("proxy-agent"));
        Assert.Empty(head.Rest);
    }

    [Fact]
    public async Task Reads_a_head_that_arrives_one_byte_at_a_time()
    {
        var head = await HttpResponseHead.ReadAsync(new TrickleStream(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nServer: squid/5.7\r\n\r\n")), "the proxy");

        Assert.Equal("403 Forbidden", head.StatusLine);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n", "answered, but not with HTTP/1.1: 'SSH-2.0-OpenSSH_9.2'.")]
    [InlineData("HTTP/2 200\r\n\r\n", "not with HTTP/1.1")]
    [InlineData("HTTP/1.1 2000 OK\r\n\r\n", "not with HTTP/1.1")]
    [InlineData("HTTP/1.1 099 Low\r\n\r\n", "not with HTTP/1.1")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n", "folded a header field over two lines")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "not 'name: value'")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n", "not 'name: value'")]
    [InlineData("HTTP/1.1 200 OK\r\nServer: x\r\n", "closed the connection in the middle of its HTTP answer")]
    [InlineData("", "closed the connection without answering.")]
    public async Task Refuses_what_is_not_an_HTTP_1_1_head(string text, string expected)
    {
        var error = await Assert.ThrowsAsync<ProbeException>(() => ReadAsync(text));

        Assert.Equal(FailureReason.ProtocolError, error.Reason);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("The server ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_after_16_KiB_without_an_end_of_head()
    {
        var endless = "HTTP/1.1 200 OK\r\nX-Pad: " + new string('a', 40_000);

        var error = await Assert.ThrowsAsync<ProbeException>(() => ReadAsync(endless));

        Assert.Equal(FailureReason.ProtocolError, error.Reason);
        Assert.Contains("more than 16 KiB", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseHead> ReadAsync(string text) =>
        HttpResponseHead.ReadAsync(new MemoryStream(Encoding.Latin1.GetBytes(text)), "The server");

    /// <summary>A stream that gives one byte per read.</summary>
    private sealed class TrickleStream : MemoryStream
    {
        public TrickleStream(byte[] bytes)
            : base(bytes)
        {
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(1, count), cancellationToken);
    }
}
