using System.Diagnostics;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>
/// Scripted hostile servers and proxies: garbage, wrong accept keys, masked or oversize frames,
/// trickled and endless heads, silence after accept, resets, servers that never close. Each ends
/// within its bound, never Succeeded on invalid input, with a named FailureReason.
/// </summary>
public sealed class HostileSignalingServerTests
{
    private static readonly SignalingSetup Quick = SignalingRun.Direct with { Timeout = TimeSpan.FromSeconds(2), Hold = TimeSpan.FromSeconds(1), PongTimeout = TimeSpan.FromSeconds(1) };
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Garbage_instead_of_HTTP_is_a_ProtocolError()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            await c.SendAsync("SSH-2.0-OpenSSH_9.2\r\n\r\n", t);
            await c.SilenceAsync(t);
        });

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains("not with HTTP/1.1: 'SSH-2.0-OpenSSH_9.2'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_after_accept_times_out_at_the_bound()
    {
        using var server = new ScriptedTcpServer((c, t) => c.SilenceAsync(t));
        var watch = Stopwatch.StartNew();

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        SignalingRun.Failed(result, FailureReason.Timeout);
        Assert.Contains("The WebSocket upgrade with 127.0.0.1:" + server.EndPoint.Port + " timed out", result.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < Quick.Timeout + Grace, "took " + watch.Elapsed);
    }

    [Fact]
    public async Task A_head_trickled_a_byte_at_a_time_ends_at_the_bound()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            foreach (var b in "HTTP/1.1 101 Switching Protocols\r\nX-Slow: " + new string('s', 1000))
            {
                await c.SendAsync(new[] { (byte)b }, t);
                await Task.Delay(50, t);
            }
        });
        var watch = Stopwatch.StartNew();

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        SignalingRun.Failed(result, FailureReason.Timeout);
        Assert.True(watch.Elapsed < Quick.Timeout + Grace, "took " + watch.Elapsed);
    }

    [Fact]
    public async Task An_endless_head_is_refused_after_16_KiB()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            await c.SendAsync("HTTP/1.1 200 OK\r\n", t);
            var line = System.Text.Encoding.ASCII.GetBytes("X-Endless: " + new string('x', 1000) + "\r\n");
            while (!t.IsCancellationRequested)
            {
                await c.SendAsync(line, t);
            }
        });

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains("more than 16 KiB", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_101_with_the_wrong_accept_key_is_a_ProtocolError_naming_something_on_the_path()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            await c.SendAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", t);
            await c.SilenceAsync(t);
        });

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains("something on the path answered for the server", result.Message, StringComparison.Ordinal);
        Assert.Equal(101, result.HttpStatusCode);
        Assert.Equal(0, result.PingsSent);
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0x82, 1, 2, 3, 4, 5, 6 }, "masked a frame")]
    [InlineData(new byte[] { 0x82, 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, "announced a 9223372036854775807-byte frame")]
    [InlineData(new byte[] { 0x88, 0x01, 0x03 }, "1-byte Close body")]
    [InlineData(new byte[] { 0x8F, 0x00 }, "reserved opcode 0xf")]
    public async Task A_frame_that_breaks_the_framing_is_a_ProtocolError(byte[] frame, string expected)
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.AcceptWebSocketAsync(t);
            await c.SendAsync(frame, t);
            await c.SilenceAsync(t);
        });

        var result = await SignalingRun.OneAsync(Quick with { Hold = TimeSpan.FromSeconds(5) }, server.Uri());

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_reset_after_the_101_is_ClosedEarly_with_1006()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.AcceptWebSocketAsync(t);
            await Task.Delay(300, t);
            c.Reset();
        });

        var result = await SignalingRun.OneAsync(Quick with { Hold = TimeSpan.FromSeconds(5) }, server.Uri());

        SignalingRun.Failed(result, FailureReason.ClosedEarly);
        Assert.Equal(1006, result.CloseCode);
    }

    [Fact]
    public async Task A_server_that_never_answers_Pings_holds_but_says_so()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.AcceptWebSocketAsync(t);
            await c.DrainAsync(t);
        });
        var watch = Stopwatch.StartNew();

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.Equal((2, 0), (result.PingsSent, result.PingsAnswered));
        Assert.Null(result.PingRoundTripMs);
        Assert.Contains("the server answered none of 2 Ping(s)", result.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer the closing handshake", result.Message, StringComparison.Ordinal);
        Assert.Null(result.CloseCode);
        Assert.True(watch.Elapsed < Quick.Hold + Quick.PongTimeout * 2 + TimeSpan.FromSeconds(2) + Grace, "took " + watch.Elapsed);
    }

    [Fact]
    public async Task An_endless_stream_of_messages_is_counted_and_the_hold_still_ends()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.AcceptWebSocketAsync(t);
            var reader = Task.Run(() => c.DrainAsync(t), t);
            var message = new byte[] { 0x81, 0x05, (byte)'f', (byte)'l', (byte)'o', (byte)'o', (byte)'d' };
            while (!t.IsCancellationRequested && !reader.IsCompleted)
            {
                await c.SendAsync(message, t);
            }
        });

        var watch = Stopwatch.StartNew();

        var result = await SignalingRun.OneAsync(Quick, server.Uri());

        Assert.True(result.Outcome == ProbeStatus.Succeeded, result.Message);
        Assert.True(result.MessagesReceived > 10, result.Message);
        Assert.True(watch.Elapsed < Quick.Hold + Quick.PongTimeout * 2 + TimeSpan.FromSeconds(2) + Grace, "took " + watch.Elapsed);
    }

    [Fact]
    public async Task A_first_Ping_answered_and_a_later_one_lost_is_an_idle_drop()
    {
        using var server = new ScriptedTcpServer(async (c, t) =>
        {
            await c.AcceptWebSocketAsync(t);
            var buffer = new byte[64];
            var received = 0;
            while (received < 2)
            {
                received += await c.ReceiveAsync(buffer, t);
            }

            // Answer the first Ping (payload 00..01) with its Pong, then go quiet like a dead path.
            await c.SendAsync(new byte[] { 0x8A, 0x08, 0, 0, 0, 0, 0, 0, 0, 1 }, t);
            await c.DrainAsync(t);
        });

        var result = await SignalingRun.OneAsync(Quick with { Hold = TimeSpan.FromSeconds(2) }, server.Uri());

        SignalingRun.Failed(result, FailureReason.ClosedEarly);
        Assert.Equal(1, result.PingsAnswered);
        Assert.Contains("dropped the idle connection without closing it", result.Message, StringComparison.Ordinal);
        Assert.Null(result.CloseCode);
    }
}
