using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Stun;
using T = TelnyxNet.Engine.Stun.StunAttributeType;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>Invalid attribute values on the wire and in constructors, rejected with the attribute named.</summary>
public sealed class StunAttributeValidationTests
{
    /// <summary>The bad attribute follows an 8-byte SOFTWARE attribute, so it starts at byte 28.</summary>
    private const int BadAttributeOffset = 28;

    public static TheoryData<string, ushort, string, string> InvalidValues => new()
    {
        { "XOR-MAPPED-ADDRESS family 0x03", T.XorMappedAddress, "0003a147e112a643", "unknown address family 0x03" },
        { "XOR-MAPPED-ADDRESS IPv4 with 16 address bytes", T.XorMappedAddress, "0001a147" + new string('0', 32), "address value of 20 bytes; family 0x01 needs 8" },
        { "XOR-MAPPED-ADDRESS IPv6 with 4 address bytes", T.XorMappedAddress, "0002a147e112a643", "address value of 8 bytes; family 0x02 needs 20" },
        { "XOR-MAPPED-ADDRESS of 3 bytes", T.XorMappedAddress, "0001a1", "address value shorter than 4 bytes" },
        { "MAPPED-ADDRESS family 0x00", T.MappedAddress, "00008055c0000201", "unknown address family 0x00" },
        { "ERROR-CODE class 7", T.ErrorCode, "00000700", "invalid code: class 7, number 0" },
        { "ERROR-CODE class 2", T.ErrorCode, "00000263", "invalid code: class 2, number 99" },
        { "ERROR-CODE number 100", T.ErrorCode, "00000464", "invalid code: class 4, number 100" },
        { "ERROR-CODE of 3 bytes", T.ErrorCode, "000004", "shorter than 4 bytes" },
        { "ERROR-CODE reason of 764 bytes", T.ErrorCode, "00000400" + Repeat("61", 764), "reason phrase longer than 763 bytes" },
        { "MESSAGE-INTEGRITY of 19 bytes", T.MessageIntegrity, Repeat("ab", 19), "HMAC-SHA1 value of 19 bytes; 20 expected" },
        { "MESSAGE-INTEGRITY of 32 bytes", T.MessageIntegrity, Repeat("ab", 32), "HMAC-SHA1 value of 32 bytes; 20 expected" },
        { "MESSAGE-INTEGRITY-SHA256 of 15 bytes", T.MessageIntegritySha256, Repeat("ab", 15), "HMAC-SHA256 value of 15 bytes; 16 to 32 in steps of 4 expected" },
        { "MESSAGE-INTEGRITY-SHA256 of 36 bytes", T.MessageIntegritySha256, Repeat("ab", 36), "HMAC-SHA256 value of 36 bytes" },
        { "MESSAGE-INTEGRITY-SHA256 of 18 bytes", T.MessageIntegritySha256, Repeat("ab", 18), "HMAC-SHA256 value of 18 bytes" },
        { "FINGERPRINT of 3 bytes", T.Fingerprint, "abcdef", "value of 3 bytes; 4 expected" },
        { "RESERVATION-TOKEN of 7 bytes", T.ReservationToken, Repeat("01", 7), "value of 7 bytes; 8 expected" },
        { "USERHASH of 31 bytes", T.UserHash, Repeat("01", 31), "value of 31 bytes; 32 expected" },
        { "LIFETIME of 3 bytes", T.Lifetime, "000258", "value of 3 bytes; 4 expected" },
        { "PRIORITY of 8 bytes", T.Priority, Repeat("01", 8), "value of 8 bytes; 4 expected" },
        { "ICE-CONTROLLING of 4 bytes", T.IceControlling, Repeat("01", 4), "value of 4 bytes; 8 expected" },
        { "CHANGE-REQUEST of 2 bytes", T.ChangeRequest, "0004", "value of 2 bytes; 4 expected" },
        { "CHANNEL-NUMBER of 2 bytes", T.ChannelNumber, "4000", "value of 2 bytes; 4 expected" },
        { "EVEN-PORT of 4 bytes", T.EvenPort, "80000000", "value of 4 bytes; 1 expected" },
        { "REQUESTED-TRANSPORT of 1 byte", T.RequestedTransport, "11", "value of 1 bytes; 4 expected" },
        { "RESPONSE-PORT of 3 bytes", T.ResponsePort, "0d9700", "value of 3 bytes; 2 expected" },
        { "USE-CANDIDATE with a value", T.UseCandidate, "00", "value of 1 bytes; empty expected" },
        { "UNKNOWN-ATTRIBUTES of odd length", T.UnknownAttributes, "7fff00", "odd length 3" },
        { "PASSWORD-ALGORITHMS with truncated parameters", T.PasswordAlgorithms, "0001000801020304", "parameters of 8 bytes overrun the value at byte 0" },
        { "PASSWORD-ALGORITHMS with unpadded parameters", T.PasswordAlgorithms, "00010003010203", "parameters of 3 bytes overrun the value at byte 0" },
        { "PASSWORD-ALGORITHMS whose second entry is truncated", T.PasswordAlgorithms, "00010000000200040102", "parameters of 4 bytes overrun the value at byte 4" },
        { "PASSWORD-ALGORITHMS with a truncated entry header", T.PasswordAlgorithms, "0001", "entry header truncated at value byte 0" },
        { "PASSWORD-ALGORITHM with two algorithms", T.PasswordAlgorithm, "0001000000020000", "2 algorithms; PASSWORD-ALGORITHM carries exactly one" },
        { "PASSWORD-ALGORITHM with none", T.PasswordAlgorithm, string.Empty, "0 algorithms" },
        { "USERNAME of 509 bytes", T.Username, Repeat("61", 509), "longer than the 508 bytes allowed" },
        { "ALTERNATE-DOMAIN of 256 bytes", T.AlternateDomain, Repeat("61", 256), "longer than the 255 bytes allowed" },
        { "SOFTWARE of 764 bytes", T.Software, Repeat("61", 764), "longer than the 763 bytes allowed" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_is_rejected_naming_the_attribute(string name, ushort type, string valueHex, string reason)
    {
        var bytes = RawStun.Message(
            RawStun.BindingSuccess,
            (T.Software, Encoding.ASCII.GetBytes("ab")),
            (type, Convert.FromHexString(valueHex)));

        Assert.False(StunDecoder.TryDecode(bytes, out var message, out var error), name);
        Assert.Null(message);
        Assert.Equal(type, error!.AttributeType);
        Assert.Equal(BadAttributeOffset, error.Offset);
        Assert.Contains(reason, error.Reason);
        Assert.Contains(StunAttributeRegistry.NameOf(type) + ": ", error.ToString());
    }

    [Fact]
    public void An_error_reason_that_is_not_UTF8_re_encodes_byte_for_byte()
    {
        var reason = Enumerable.Repeat((byte)0xFF, 300).ToArray();
        var bytes = RawStun.Message(0x0111, (T.ErrorCode, RawStun.Concat(new byte[] { 0, 0, 4, 0 }, reason)));
        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());

        var rebuilt = new StunMessageBuilder(message!.Method, message.Class, message.TransactionId);
        foreach (var attribute in message.Attributes)
        {
            rebuilt.Add(attribute);
        }

        Assert.Equal(bytes, rebuilt.Encode());
        Assert.Equal(400, message.Error!.Code);
    }

    [Fact]
    public void The_longest_allowed_text_values_decode()
    {
        foreach (var (type, max) in new[] { (T.Username, 508), (T.AlternateDomain, 255), (T.Software, 763), (T.Realm, 763), (T.Nonce, 763) })
        {
            var bytes = RawStun.Message(RawStun.BindingRequest, (type, Encoding.ASCII.GetBytes(new string('a', max))));
            Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
            Assert.Equal(max, message!.GetAttribute<StunTextAttribute>(type)!.Value.Length);
        }
    }

    [Fact]
    public void An_unknown_comprehension_required_attribute_passes_through_and_is_listed()
    {
        var bytes = RawStun.Message(
            RawStun.BindingRequest,
            (T.Software, Encoding.ASCII.GetBytes("abc")),
            (0x7FFF, new byte[] { 1, 2, 3, 4, 5 }),
            (T.Priority, new byte[] { 0, 0, 0, 9 }));

        var message = AssertPassesThrough(bytes);

        var raw = Assert.IsType<StunRawAttribute>(message.GetAttribute(0x7FFF));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, raw.GetValue());
        Assert.True(raw.IsComprehensionRequired);
        Assert.Equal("0x7FFF", raw.Name);
        Assert.Equal(new ushort[] { 0x7FFF }, message.UnknownComprehensionRequired);
    }

    [Fact]
    public void An_unknown_optional_attribute_passes_through_and_is_not_listed()
    {
        var bytes = RawStun.Message(
            RawStun.BindingRequest,
            (0xC001, new byte[] { 9, 8 }),
            (T.Software, Encoding.ASCII.GetBytes("abc")));

        var message = AssertPassesThrough(bytes);

        var raw = Assert.IsType<StunRawAttribute>(message.GetAttribute(0xC001));
        Assert.Equal(new byte[] { 9, 8 }, raw.GetValue());
        Assert.False(raw.IsComprehensionRequired);
        Assert.Empty(message.UnknownComprehensionRequired);
    }

    [Fact]
    public void Attributes_after_MESSAGE_INTEGRITY_other_than_SHA256_and_FINGERPRINT_are_ignored()
    {
        var key = StunCredentials.ShortTermKey("secret");
        var signed = new StunMessageBuilder(StunMethod.Binding, StunClass.Request, StunAttributeSamples.TransactionId)
            .Add(new StunTextAttribute(T.Software, "abc"))
            .AddMessageIntegrity(key)
            .Encode();
        var bytes = RawStun.FixLength(RawStun.Concat(
            signed,
            RawStun.Attribute(T.Username, Encoding.ASCII.GetBytes("late")),
            RawStun.Attribute(T.Lifetime, new byte[] { 1, 2, 3 }),
            RawStun.Attribute(0x7FFF, new byte[] { 1 }),
            RawStun.Attribute(T.MessageIntegritySha256, new byte[32]),
            RawStun.Attribute(T.Priority, new byte[4]),
            RawStun.Attribute(T.Fingerprint, new byte[4])));
        WriteFingerprint(bytes);

        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(
            new[] { T.Software, T.MessageIntegrity, T.MessageIntegritySha256, T.Fingerprint },
            message!.Attributes.Select(a => a.Type));
        Assert.Equal(4, message.IgnoredAfterIntegrity);
        Assert.Empty(message.UnknownComprehensionRequired);
        Assert.Null(message.GetAttribute(T.Username));
        Assert.True(message.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Attributes_after_MESSAGE_INTEGRITY_SHA256_other_than_FINGERPRINT_are_ignored()
    {
        var bytes = RawStun.Message(
            RawStun.BindingRequest,
            (T.Software, Encoding.ASCII.GetBytes("abc")),
            (T.MessageIntegritySha256, new byte[16]),
            (T.MessageIntegrity, new byte[20]),
            (T.Username, Encoding.ASCII.GetBytes("late")),
            (T.Fingerprint, new byte[4]));
        WriteFingerprint(bytes);

        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(new[] { T.Software, T.MessageIntegritySha256, T.Fingerprint }, message!.Attributes.Select(a => a.Type));
        Assert.Equal(2, message.IgnoredAfterIntegrity);
        Assert.False(message.VerifyMessageIntegrity(new byte[] { 1 }));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(28)]
    [InlineData(20)]
    [InlineData(16)]
    public void MESSAGE_INTEGRITY_SHA256_is_computed_truncated_and_verified(int length)
    {
        var key = StunCredentials.LongTermKey("user", "realm", "pass", StunPasswordAlgorithm.Sha256);
        var bytes = new StunMessageBuilder(StunMethod.Allocate, StunClass.Request, StunAttributeSamples.TransactionId)
            .Add(new StunTextAttribute(T.Username, "user"))
            .AddMessageIntegritySha256(key, length)
            .AddFingerprint()
            .Encode();

        var (offset, hmac) = RawStun.Find(bytes, T.MessageIntegritySha256);
        var covered = bytes.AsSpan(0, offset).ToArray();
        RawStun.WriteUInt16(covered, 2, offset - 20 + 4 + length);
        Assert.Equal(HMACSHA256.HashData(key, covered).AsSpan(0, length).ToArray(), hmac);

        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(length, message!.GetAttribute<StunMessageIntegrityAttribute>(T.MessageIntegritySha256)!.GetHmac().Length);
        Assert.True(message.VerifyMessageIntegritySha256(key));
        Assert.False(message.VerifyMessageIntegritySha256(StunCredentials.LongTermKey("user", "realm", "pass")));
        Assert.False(message.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Both_integrity_attributes_and_the_fingerprint_verify_together()
    {
        var key = StunCredentials.ShortTermKey("secret");
        var bytes = new StunMessageBuilder(StunMethod.Binding, StunClass.Request, StunAttributeSamples.TransactionId)
            .Add(new StunTextAttribute(T.Username, "a:b"))
            .AddMessageIntegrity(key)
            .AddMessageIntegritySha256(key)
            .AddFingerprint()
            .Encode();

        var (offset, hmac) = RawStun.Find(bytes, T.MessageIntegrity);
        var covered = bytes.AsSpan(0, offset).ToArray();
        RawStun.WriteUInt16(covered, 2, offset - 20 + 24);
        Assert.Equal(HMACSHA1.HashData(key, covered), hmac);

        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(new[] { T.Username, T.MessageIntegrity, T.MessageIntegritySha256, T.Fingerprint }, message!.Attributes.Select(a => a.Type));
        Assert.Equal(0, message.IgnoredAfterIntegrity);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyMessageIntegritySha256(key));
    }

    [Fact]
    public void The_SHA_256_long_term_key_differs_from_the_MD5_one()
    {
        var md5 = StunCredentials.LongTermKey("user", "realm", "pass");
        var sha256 = StunCredentials.LongTermKey("user", "realm", "pass", StunPasswordAlgorithm.Sha256);

        Assert.Equal(16, md5.Length);
        Assert.Equal(32, sha256.Length);
        Assert.NotEqual(md5, sha256.AsSpan(0, 16).ToArray());
        Assert.Equal(MD5.HashData(Encoding.UTF8.GetBytes("user:realm:pass")), md5);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("user:realm:pass")), sha256);
        Assert.Equal(md5, StunCredentials.LongTermKey("user", "realm", "pass", StunPasswordAlgorithm.Md5));
        Assert.Throws<ArgumentOutOfRangeException>(() => StunCredentials.LongTermKey("user", "realm", "pass", (StunPasswordAlgorithm)3));
    }

    [Fact]
    public void The_short_term_key_is_the_SASLprepped_password_in_UTF_8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt"), StunCredentials.ShortTermKey("VOkJxbRl1RmTxUk/WvJxBt"));
        Assert.Equal(Encoding.UTF8.GetBytes("IX"), StunCredentials.ShortTermKey("I\u00ADX"));
    }

    [Fact]
    public void The_builder_rejects_a_MESSAGE_INTEGRITY_SHA256_length_outside_16_to_32_in_steps_of_4()
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.Request);
        foreach (var length in new[] { 0, 12, 15, 18, 33, 36 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddMessageIntegritySha256(new byte[] { 1 }, length));
        }
    }

    [Fact]
    public void A_text_attribute_over_its_limit_cannot_be_built()
    {
        var username = Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.Username, new string('a', 509)));
        Assert.Contains("USERNAME is limited to 508 bytes", username.Message);
        Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.Username, string.Concat(Enumerable.Repeat("\u30DE", 170))));
        Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.Realm, new string('a', 510)));
        Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.Nonce, new string('a', 510)));
        Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.Software, new string('a', 764)));
        Assert.Throws<ArgumentException>(() => new StunErrorCodeAttribute(400, new string('a', 510)));
        Assert.Throws<ArgumentException>(() => new StunTextAttribute(T.AlternateDomain, new string('a', 256)));

        var longest = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .Add(new StunTextAttribute(T.Username, new string('a', 508)))
            .Add(new StunTextAttribute(T.Nonce, string.Concat(Enumerable.Repeat("\u30DE", 169))))
            .Build();
        Assert.Equal(508, longest.GetAttribute<StunTextAttribute>(T.Username)!.Value.Length);
    }

    [Fact]
    public void Constructors_refuse_values_the_wire_format_cannot_carry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunErrorCodeAttribute(299, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunErrorCodeAttribute(700, "x"));
        Assert.Throws<ArgumentException>(() => new StunMessageIntegrityAttribute(T.MessageIntegrity, new byte[19]));
        Assert.Throws<ArgumentException>(() => new StunMessageIntegrityAttribute(T.MessageIntegritySha256, new byte[15]));
        Assert.Throws<ArgumentException>(() => new StunMessageIntegrityAttribute(T.Software, new byte[20]));
        Assert.Throws<ArgumentException>(() => new StunBytesAttribute(T.ReservationToken, new byte[7]));
        Assert.Throws<ArgumentException>(() => new StunBytesAttribute(T.UserHash, new byte[33]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunNumberAttribute(T.Priority, 1UL << 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StunShortFieldAttribute(T.RequestedTransport, 256));
        Assert.Throws<ArgumentException>(() => new StunPasswordAlgorithmsAttribute(T.PasswordAlgorithm, Array.Empty<StunPasswordAlgorithmEntry>()));
        Assert.Throws<ArgumentNullException>(() => new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Add(null!));
    }

    private static StunMessage AssertPassesThrough(byte[] bytes)
    {
        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(bytes, message!.ToArray());

        var builder = new StunMessageBuilder(message.Method, message.Class, message.TransactionId);
        foreach (var attribute in message.Attributes)
        {
            builder.Add(attribute);
        }

        Assert.Equal(bytes, builder.Encode());
        return message;
    }

    private static void WriteFingerprint(byte[] bytes)
    {
        var offset = bytes.Length - 8;
        Assert.Equal(T.Fingerprint, RawStun.ReadUInt16(bytes, offset));
        var crc = ReferenceCrc.Fingerprint(bytes, offset);
        bytes[offset + 4] = (byte)(crc >> 24);
        bytes[offset + 5] = (byte)(crc >> 16);
        bytes[offset + 6] = (byte)(crc >> 8);
        bytes[offset + 7] = (byte)crc;
    }

    private static string Repeat(string hexByte, int count) => string.Concat(Enumerable.Repeat(hexByte, count));
}
