using System.Buffers.Binary;
using System.Text;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>Malformed input rejected one case at a time, each with the offset and the reason.</summary>
public sealed class StunDecodeErrorTests
{
    [Fact]
    public void A_null_buffer_is_rejected()
    {
        Assert.False(StunDecoder.TryDecode(null, out var message, out var error));
        Assert.Null(message);
        AssertError(error, 0, "no data");

        Assert.False(StunDecoder.TryDecode(null, 0, 0, out message, out error));
        Assert.Null(message);
        AssertError(error, 0, "no data");
    }

    [Theory]
    [InlineData(-1, 20)]
    [InlineData(0, -1)]
    [InlineData(0, 81)]
    [InlineData(1, 80)]
    [InlineData(81, 0)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(1, int.MaxValue)]
    public void An_offset_and_count_outside_the_buffer_are_rejected(int offset, int count)
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");

        Assert.False(StunDecoder.TryDecode(vector, offset, count, out var message, out var error));
        Assert.Null(message);
        AssertError(error, 0, "do not fit a buffer of 80 bytes");
    }

    [Fact]
    public void Every_prefix_with_a_truncated_header_is_rejected()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        for (var length = 0; length < 20; length++)
        {
            var prefix = vector.AsSpan(0, length).ToArray();
            Assert.False(StunDecoder.TryDecode(prefix, out var message, out var error), "prefix of " + length);
            Assert.Null(message);
            AssertError(error, length, "truncated header: " + length + " bytes, 20 needed");

            Assert.False(StunDecoder.TryDecode(vector, 0, length, out _, out error), "count " + length);
            AssertError(error, length, "truncated header");
        }
    }

    [Fact]
    public void Every_prefix_with_a_truncated_body_is_rejected()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        for (var length = 20; length < vector.Length; length++)
        {
            var prefix = vector.AsSpan(0, length).ToArray();
            Assert.False(StunDecoder.TryDecode(prefix, out var message, out var error), "prefix of " + length);
            Assert.Null(message);
            AssertError(error, length, "truncated: the header announces 60 bytes of attributes, " + (length - 20) + " present");

            Assert.False(StunDecoder.TryDecode(vector, 0, length, out _, out error), "count " + length);
            AssertError(error, length, "truncated: the header announces 60 bytes");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    public void Trailing_bytes_after_the_message_are_rejected(int extra)
    {
        var overlong = RawStun.Concat(ReferenceData.Rfc5769Vector("2.2"), new byte[extra]);

        Assert.False(StunDecoder.TryDecode(overlong, out var message, out var error));
        Assert.Null(message);
        AssertError(error, 80, "overlong: " + extra + " bytes after the announced end");
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(1)]
    public void A_message_length_that_is_not_a_multiple_of_4_is_rejected(int length)
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        RawStun.WriteUInt16(vector, 2, length);

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, 2, "message length " + length + " is not a multiple of 4");
    }

    [Fact]
    public void A_wrong_magic_cookie_is_rejected()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        vector[7] ^= 0x01;

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, 4, "magic cookie 0x2112a443 instead of 0x2112a442");
    }

    [Theory]
    [InlineData(0x80)]
    [InlineData(0x40)]
    [InlineData(0xC0)]
    public void A_first_byte_with_either_of_the_top_two_bits_set_is_rejected(int bits)
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        vector[0] |= (byte)bits;

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, 0, "first two bits are not zero");
    }

    [Theory]
    [InlineData(0x0100)]
    [InlineData(0xFFFF)]
    [InlineData(57)]
    public void An_attribute_length_overrunning_the_message_is_rejected(int length)
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        RawStun.WriteUInt16(vector, 22, length);

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, 20, "length " + length + " overruns the message (56 bytes left)");
        Assert.Equal(StunAttributeType.Software, error!.AttributeType);
    }

    [Fact]
    public void An_attribute_length_overrunning_the_message_is_rejected_at_that_attribute()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        var (offset, _) = RawStun.Find(vector, StunAttributeType.XorMappedAddress);
        RawStun.WriteUInt16(vector, offset + 2, 49);

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, offset, "length 49 overruns the message (40 bytes left)");
        Assert.Equal(StunAttributeType.XorMappedAddress, error!.AttributeType);
    }

    [Fact]
    public void A_last_attribute_without_its_padding_is_rejected_by_the_length_field()
    {
        var software = Encoding.ASCII.GetBytes("test vector");
        var unpadded = RawStun.Concat(
            RawStun.Header(RawStun.BindingSuccess, 4 + software.Length, RawStun.SampleTransactionId),
            new byte[] { 0x80, 0x22, 0x00, (byte)software.Length },
            software);

        Assert.False(StunDecoder.TryDecode(unpadded, out var message, out var error));
        Assert.Null(message);
        AssertError(error, 2, "message length 15 is not a multiple of 4");

        RawStun.WriteUInt16(unpadded, 2, 16);
        Assert.False(StunDecoder.TryDecode(unpadded, out message, out error));
        Assert.Null(message);
        AssertError(error, 35, "truncated: the header announces 16 bytes of attributes, 15 present");
    }

    [Fact]
    public void An_attribute_after_FINGERPRINT_is_rejected()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        var after = RawStun.FixLength(RawStun.Concat(vector, RawStun.Attribute(StunAttributeType.Software, Encoding.ASCII.GetBytes("late"))));

        Assert.False(StunDecoder.TryDecode(after, out var message, out var error));
        Assert.Null(message);
        AssertError(error, 80, "attribute after FINGERPRINT");
        Assert.Equal(StunAttributeType.Software, error!.AttributeType);
    }

    [Fact]
    public void A_second_FINGERPRINT_is_rejected()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        var twice = RawStun.FixLength(RawStun.Concat(vector, RawStun.Attribute(StunAttributeType.Fingerprint, new byte[4])));
        BinaryPrimitives.WriteUInt32BigEndian(twice.AsSpan(84), ReferenceCrc.Fingerprint(twice, 80));

        Assert.False(StunDecoder.TryDecode(twice, out _, out var error));
        AssertError(error, 80, "attribute after FINGERPRINT");
        Assert.Equal(StunAttributeType.Fingerprint, error!.AttributeType);
    }

    [Fact]
    public void A_FINGERPRINT_that_is_not_last_in_the_buffer_given_is_checked_over_the_bytes_before_it()
    {
        var vector = ReferenceData.Rfc5769Vector("2.1");
        var (fingerprintOffset, _) = RawStun.Find(vector, StunAttributeType.Fingerprint);
        vector[fingerprintOffset + 4] ^= 0x80;

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        AssertError(error, fingerprintOffset, "CRC mismatch: 0x657a3bcf carried, 0xe57a3bcf computed");
        Assert.Equal(StunAttributeType.Fingerprint, error!.AttributeType);
    }

    [Fact]
    public void The_error_text_names_the_offset_the_attribute_and_the_reason()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        RawStun.WriteUInt16(vector, 22, 0xFFFF);

        Assert.False(StunDecoder.TryDecode(vector, out _, out var error));
        Assert.Equal("at byte 20: SOFTWARE: length 65535 overruns the message (56 bytes left)", error!.ToString());
    }

    private static void AssertError(StunDecodeError? error, int offset, string reason)
    {
        Assert.NotNull(error);
        Assert.True(offset == error.Offset, "offset " + error.Offset + " instead of " + offset + " (" + error + ")");
        Assert.Contains(reason, error.Reason);
    }
}
