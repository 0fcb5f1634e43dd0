using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Signaling;

/// <summary>RFC 6455 §5 framing: what the client writes, and what it refuses to read.</summary>
public sealed class WebSocketFramesTests
{
    private static readonly byte[] Mask = { 0x37, 0xfa, 0x21, 0x3d };

    [Fact]
    public void Masks_a_frame_as_RFC_6455_section_5_7_shows()
    {
        // §5.7: a masked "Hello": 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58.
        var frame = WebSocketFrames.Encode(WebSocketOpcode.Text, "Hello"u8.ToArray(), Mask);

        Assert.Equal(new byte[] { 0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58 }, frame);
    }

    [Theory]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65535, 4)]
    [InlineData(65536, 10)]
    public void Writes_lengths_in_their_shortest_form(int length, int headerBytes)
    {
        var frame = WebSocketFrames.Encode(WebSocketOpcode.Binary, new byte[length], Mask);

        Assert.Equal(headerBytes + 4 + length, frame.Length);
        Assert.Equal(0x80, frame[1] & 0x80);
    }

    [Fact]
    public void A_close_payload_is_the_code_then_the_reason_cut_to_125_bytes()
    {
        var payload = WebSocketFrames.ClosePayload(1000, new string('x', 300));

        Assert.Equal(125, payload.Length);
        Assert.Equal(new byte[] { 0x03, 0xe8 }, payload.Take(2));
    }

    [Fact]
    public async Task Reads_control_frames_between_the_fragments_of_a_message()
    {
        var reader = Reader(new byte[] { 0x01, 0x01, (byte)'a', 0x89, 0x01, 0x07, 0x80, 0x01, (byte)'b', 0x8a, 0x00 });

        var first = await reader.ReadAsync();
        var ping = await reader.ReadAsync();
        var last = await reader.ReadAsync();
        var pong = await reader.ReadAsync();

        Assert.Equal((WebSocketOpcode.Text, false), (first.Opcode, first.Fin));
        Assert.Equal(WebSocketOpcode.Ping, ping.Opcode);
        Assert.Equal(new byte[] { 0x07 }, ping.Payload);
        Assert.Equal((WebSocketOpcode.Continuation, true, 1L), (last.Opcode, last.Fin, last.Length));
        Assert.Empty(last.Payload);
        Assert.Equal(WebSocketOpcode.Pong, pong.Opcode);
    }

    [Fact]
    public async Task Reads_a_64_bit_length_and_drops_the_data()
    {
        var frame = new byte[10 + 70_000];
        frame[0] = 0x82;
        frame[1] = 127;
        frame[7] = 0x01;
        frame[8] = 0x11;
        frame[9] = 0x70;

        var read = await Reader(frame).ReadAsync();

        Assert.Equal(70_000, read.Length);
    }

    [Theory]
    [InlineData(new byte[] { 0xC1, 0x00 }, "RSV bits")]
    [InlineData(new byte[] { 0x83, 0x00 }, "reserved opcode 0x3")]
    [InlineData(new byte[] { 0x8B, 0x00 }, "reserved opcode 0xb")]
    [InlineData(new byte[] { 0x81, 0x81, 1, 2, 3, 4, 5 }, "masked a frame")]
    [InlineData(new byte[] { 0x09, 0x00 }, "fragmented Ping frame")]
    [InlineData(new byte[] { 0x89, 126, 0x00, 0x7e }, "at most 125 bytes")]
    [InlineData(new byte[] { 0x81, 126, 0x00, 0x05 }, "5-byte length in the 16-bit form")]
    [InlineData(new byte[] { 0x81, 127, 0, 0, 0, 0, 0, 0, 0x01, 0x00 }, "256-byte length in the 64-bit form")]
    [InlineData(new byte[] { 0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 0 }, "most significant bit set")]
    [InlineData(new byte[] { 0x82, 127, 0, 0, 0, 0, 0x01, 0, 0, 1 }, "announced a 16777217-byte frame")]
    [InlineData(new byte[] { 0x80, 0x00 }, "continuation frame outside a fragmented message")]
    [InlineData(new byte[] { 0x01, 0x00, 0x81, 0x00 }, "new Text message inside a fragmented one")]
    public async Task Refuses_frames_that_break_the_framing_rules(byte[] bytes, string expected)
    {
        var reader = Reader(bytes);

        var error = await Assert.ThrowsAsync<ProbeException>(async () =>
        {
            while (true)
            {
                await reader.ReadAsync();
            }
        });

        Assert.Equal(FailureReason.ProtocolError, error.Reason);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0], "ended (end of stream) without a Close frame")]
    [InlineData(new byte[] { 0x81 }, "ended in the middle of a frame")]
    [InlineData(new byte[] { 0x81, 0x05, (byte)'a' }, "ended in the middle of a frame")]
    public async Task An_end_of_stream_is_an_early_close(byte[] bytes, string expected)
    {
        var error = await Assert.ThrowsAsync<ProbeException>(() => Reader(bytes).ReadAsync());

        Assert.Equal(FailureReason.ClosedEarly, error.Reason);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static WebSocketFrames.Reader Reader(byte[] bytes) => new(new MemoryStream(bytes));
}
