using TelnyxNet.Engine.Media;

namespace TelnyxNet.Engine.Tests.Media;

/// <summary>The stream's packets byte for byte against RFC 3550 §5.1 and RFC 3551 (PCMU), and what is refused as not its own.</summary>
public sealed class PcmuStreamTests
{
    private static readonly PcmuStream Stream = new(0xDEADBEEF, 0xFFFE, 0xFFFFFF60, 250);

    [Fact]
    public void Writes_the_RFC_3550_fixed_header_and_160_bytes_of_mu_law_silence()
    {
        var first = Stream.Packet(0);
        var third = Stream.Packet(2);

        Assert.Equal(172, first.Length);
        // V=2, P=0, X=0, CC=0; M=1 on the first packet of the talkspurt, PT=0 (PCMU).
        Assert.Equal(new byte[] { 0x80, 0x80, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0x60, 0xDE, 0xAD, 0xBE, 0xEF }, first.Take(12));
        // Sequence and timestamp wrap: 0xFFFE + 2 = 0x0000; 0xFFFFFF60 + 2·160 = 0x000000A0. No marker.
        Assert.Equal(new byte[] { 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xA0, 0xDE, 0xAD, 0xBE, 0xEF }, third.Take(12));
        Assert.All(first.Skip(12), b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public void Knows_every_packet_of_its_own_by_index()
    {
        for (var i = 0; i < Stream.Count; i++)
        {
            Assert.True(Stream.TryIndex(Stream.Packet(i), out var index));
            Assert.Equal(i, index);
        }
    }

    public static TheoryData<string, byte[]> Foreign()
    {
        var data = new TheoryData<string, byte[]>();
        byte[] Altered(int index, Action<byte[]> change)
        {
            var packet = Stream.Packet(index);
            change(packet);
            return packet;
        }

        data.Add("truncated", Stream.Packet(5).Take(100).ToArray());
        data.Add("header only", Stream.Packet(5).Take(12).ToArray());
        data.Add("empty", Array.Empty<byte>());
        data.Add("oversized", Stream.Packet(5).Concat(new byte[1200]).ToArray());
        data.Add("version 1", Altered(5, p => p[0] = 0x40));
        data.Add("padding bit", Altered(5, p => p[0] = 0xA0));
        data.Add("CSRC count", Altered(5, p => p[0] = 0x81));
        data.Add("payload type 8 (PCMA)", Altered(5, p => p[1] = 8));
        data.Add("another SSRC", Altered(5, p => p[11] ^= 1));
        data.Add("timestamp off the 160 grid", Altered(5, p => p[7] ^= 1));
        data.Add("timestamp past the end", new PcmuStream(0xDEADBEEF, 0xFFFE, 0xFFFFFF60, 300).Packet(260));
        data.Add("sequence number not the timestamp's", Altered(5, p => p[3] ^= 1));
        data.Add("marker on a later packet", Altered(5, p => p[1] |= 0x80));
        data.Add("no marker on the first", Altered(0, p => p[1] &= 0x7F));
        data.Add("altered payload", Altered(5, p => p[100] = 0x7F));
        data.Add("a ChannelData frame around it", new byte[] { 0x40, 0x00, 0x00, 0xAC }.Concat(Stream.Packet(5)).ToArray());
        return data;
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public void Refuses_what_it_did_not_send(string what, byte[] data)
    {
        Assert.False(Stream.TryIndex(data, out var index), what);
        Assert.Equal(-1, index);
    }

    [Fact]
    public void Refuses_a_packet_of_another_stream_and_null()
    {
        Assert.False(Stream.TryIndex(PcmuStream.Random(250).Packet(3), out _));
        Assert.False(Stream.TryIndex(null, out _));
    }

    [Fact]
    public void Never_throws_on_random_bytes()
    {
        var random = new Random(172);
        for (var i = 0; i < 20000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && i % 2 == 0)
            {
                bytes[0] = 0x80;
            }

            Assert.False(Stream.TryIndex(bytes, out _));
        }
    }

    [Fact]
    public void Random_streams_differ()
    {
        var a = PcmuStream.Random(10);
        var b = PcmuStream.Random(10);

        Assert.NotEqual(a.Packet(0).Take(12), b.Packet(0).Take(12));
    }
}
