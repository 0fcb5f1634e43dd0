using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>ChannelData framing (RFC 8656 §12.4, §12.5).</summary>
public sealed class ChannelDataMessageTests
{
    [Fact]
    public void Encodes_the_header_and_pads_to_four_bytes_for_streams_only()
    {
        var message = new ChannelDataMessage(0x4001, new byte[] { 1, 2, 3, 4, 5 });

        Assert.Equal(new byte[] { 0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5 }, message.Encode(padToFour: false));
        Assert.Equal(new byte[] { 0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0 }, message.Encode(padToFour: true));
        Assert.Equal(4, new ChannelDataMessage(0x4000, Array.Empty<byte>()).Encode(padToFour: true).Length);
    }

    [Fact]
    public void Decodes_its_own_frames_and_ignores_padding()
    {
        var frame = new ChannelDataMessage(0x4FFF, new byte[] { 9, 8, 7 }).Encode(padToFour: true);

        Assert.True(ChannelDataMessage.TryDecode(frame, 0, frame.Length, out var message));

        Assert.Equal((ushort)0x4FFF, message!.Channel);
        Assert.Equal(new byte[] { 9, 8, 7 }, message.GetData());
    }

    [Fact]
    public void Accepts_the_RFC_5766_channel_range_on_receipt()
    {
        var frame = new byte[] { 0x7F, 0xFF, 0x00, 0x01, 42 };

        Assert.True(ChannelDataMessage.TryDecode(frame, 0, frame.Length, out var message));
        Assert.Equal((ushort)0x7FFF, message!.Channel);
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x02, 1 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x00, 0x00, 0x00 })]
    public void Rejects_short_or_non_ChannelData_bytes(byte[] bytes)
    {
        Assert.False(ChannelDataMessage.TryDecode(bytes, 0, bytes.Length, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(8656);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            var offset = bytes.Length == 0 ? 0 : random.Next(0, bytes.Length);
            if (ChannelDataMessage.TryDecode(bytes, offset, bytes.Length - offset, out var message))
            {
                Assert.True(message!.GetData().Length <= bytes.Length - offset - 4);
            }
        }

        Assert.False(ChannelDataMessage.TryDecode(null, 0, 0, out _));
        Assert.False(ChannelDataMessage.TryDecode(new byte[8], 6, 4, out _));
    }

    [Theory]
    [InlineData(0x3FFF)]
    [InlineData(0x5000)]
    public void Refuses_to_send_on_a_channel_outside_the_RFC_8656_range(int channel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelDataMessage((ushort)channel, Array.Empty<byte>()));
    }
}
