using System.Net;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>The four messages of RFC 5769: decode, verify, and re-encode byte for byte.</summary>
public sealed class Rfc5769VectorTests
{
    private const string ShortTermPassword = "VOkJxbRl1RmTxUk/WvJxBt";
    private const string Username24 = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    private const string Realm24 = "example.org";
    private const string Password24 = "TheMatr\u00ADIX";

    public static TheoryData<string> Sections => new() { "2.1", "2.2", "2.3", "2.4" };

    [Fact]
    public void The_reference_file_holds_exactly_the_four_vectors()
    {
        Assert.Equal(new[] { "2.1", "2.2", "2.3", "2.4" }, ReferenceData.Rfc5769Sections);
    }

    [Fact]
    public void Decodes_the_sample_request_of_2_1()
    {
        var message = Decode("2.1");

        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal("b7e7a701bc34d686fa87dfae", message.TransactionId.ToString());
        Assert.Equal(
            new[] { StunAttributeType.Software, StunAttributeType.Priority, StunAttributeType.IceControlled, StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint },
            message.Attributes.Select(a => a.Type));
        Assert.Equal("STUN test client", message.Software);
        Assert.Equal(0x6e0001ffUL, message.GetAttribute<StunNumberAttribute>(StunAttributeType.Priority)!.Value);
        Assert.Equal(0x932ff9b151263b36UL, message.GetAttribute<StunNumberAttribute>(StunAttributeType.IceControlled)!.Value);
        Assert.Equal("evtj:h6vY", message.GetAttribute<StunTextAttribute>(StunAttributeType.Username)!.Value);
        Assert.Equal(0xe57a3bcfu, message.GetAttribute<StunFingerprintAttribute>(StunAttributeType.Fingerprint)!.Value);
        Assert.Empty(message.UnknownComprehensionRequired);
        Assert.Equal(0, message.IgnoredAfterIntegrity);
    }

    [Fact]
    public void Decodes_the_IPv4_response_of_2_2()
    {
        var message = Decode("2.2");

        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal("b7e7a701bc34d686fa87dfae", message.TransactionId.ToString());
        Assert.Equal("test vector", message.Software);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), message.MappedEndPoint);
        Assert.Equal(
            new[] { StunAttributeType.Software, StunAttributeType.XorMappedAddress, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint },
            message.Attributes.Select(a => a.Type));
    }

    [Fact]
    public void Decodes_the_IPv6_response_of_2_3()
    {
        var message = Decode("2.3");

        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.Equal("test vector", message.Software);
        var mapped = message.GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorMappedAddress)!.EndPoint;
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), mapped);
        Assert.Equal(mapped, message.MappedEndPoint);
    }

    [Fact]
    public void Decodes_the_long_term_request_of_2_4()
    {
        var message = Decode("2.4");

        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal("78ad3433c6ad72c029da412e", message.TransactionId.ToString());
        Assert.Equal(
            new[] { StunAttributeType.Username, StunAttributeType.Nonce, StunAttributeType.Realm, StunAttributeType.MessageIntegrity },
            message.Attributes.Select(a => a.Type));
        Assert.Equal(Username24, message.GetAttribute<StunTextAttribute>(StunAttributeType.Username)!.Value);
        Assert.Equal(Realm24, message.GetAttribute<StunTextAttribute>(StunAttributeType.Realm)!.Value);
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", message.GetAttribute<StunTextAttribute>(StunAttributeType.Nonce)!.Value);
        Assert.Null(message.GetAttribute(StunAttributeType.Fingerprint));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Message_integrity_verifies_with_the_right_key_only(string section)
    {
        var message = Decode(section);

        Assert.True(message.VerifyMessageIntegrity(KeyFor(section)));
        Assert.False(message.VerifyMessageIntegrity(section == "2.4"
            ? StunCredentials.LongTermKey(Username24, Realm24, "TheMatrix")
            : StunCredentials.ShortTermKey("VOkJxbRl1RmTxUk/WvJxBT")));
        Assert.False(message.VerifyMessageIntegritySha256(KeyFor(section)));
    }

    [Fact]
    public void The_long_term_key_applies_SASLprep_to_the_password()
    {
        Assert.Equal(
            StunCredentials.LongTermKey(Username24, Realm24, "TheMatrIX"),
            StunCredentials.LongTermKey(Username24, Realm24, Password24));
    }

    [Fact]
    public void Message_integrity_covers_the_attributes_before_it()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        var fingerprintOffset = RawStun.Find(vector, StunAttributeType.Fingerprint).Offset;
        var withoutFingerprint = RawStun.FixLength(vector.AsSpan(0, fingerprintOffset).ToArray());
        var key = StunCredentials.ShortTermKey(ShortTermPassword);

        Assert.True(Decode(withoutFingerprint).VerifyMessageIntegrity(key));
        withoutFingerprint[24] ^= 0x01;
        var tampered = Decode(withoutFingerprint);
        Assert.Equal("uest vector", tampered.Software);
        Assert.False(tampered.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void A_changed_byte_before_the_fingerprint_fails_decoding_at_the_fingerprint()
    {
        var vector = ReferenceData.Rfc5769Vector("2.2");
        var fingerprintOffset = RawStun.Find(vector, StunAttributeType.Fingerprint).Offset;
        vector[24] ^= 0x01;

        Assert.False(StunDecoder.TryDecode(vector, out var message, out var error));
        Assert.Null(message);
        Assert.Equal(StunAttributeType.Fingerprint, error!.AttributeType);
        Assert.Equal(fingerprintOffset, error.Offset);
        Assert.Contains("CRC mismatch", error.Reason);
        Assert.Contains("FINGERPRINT", error.ToString());
    }

    [Fact]
    public void The_fingerprints_match_an_independent_CRC_32()
    {
        foreach (var section in new[] { "2.1", "2.2", "2.3" })
        {
            var vector = ReferenceData.Rfc5769Vector(section);
            var (offset, value) = RawStun.Find(vector, StunAttributeType.Fingerprint);
            Assert.Equal(ReferenceCrc.Fingerprint(vector, offset), (uint)((value[0] << 24) | (value[1] << 16) | (value[2] << 8) | value[3]));
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Re_encodes_from_the_decoded_attributes_byte_for_byte(string section)
    {
        var vector = ReferenceData.Rfc5769Vector(section);
        var decoded = Decode(vector);
        var builder = new StunMessageBuilder(decoded.Method, decoded.Class, decoded.TransactionId)
        {
            PaddingByte = section == "2.4" ? (byte)0x00 : (byte)0x20,
        };
        foreach (var attribute in decoded.Attributes.Where(a => a.Type != StunAttributeType.MessageIntegrity && a.Type != StunAttributeType.Fingerprint))
        {
            builder.Add(attribute);
        }

        builder.AddMessageIntegrity(KeyFor(section));
        if (decoded.GetAttribute(StunAttributeType.Fingerprint) != null)
        {
            builder.AddFingerprint();
        }

        Assert.Equal(Convert.ToHexString(vector), Convert.ToHexString(builder.Encode()));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Encodes_the_vector_from_literal_values_byte_for_byte(string section)
    {
        var vector = ReferenceData.Rfc5769Vector(section);
        var id = TransactionId.FromBytes(vector, 8);
        var builder = section switch
        {
            "2.1" => new StunMessageBuilder(StunMethod.Binding, StunClass.Request, id)
                .Add(new StunTextAttribute(StunAttributeType.Software, "STUN test client"))
                .Add(new StunNumberAttribute(StunAttributeType.Priority, 0x6e0001ff))
                .Add(new StunNumberAttribute(StunAttributeType.IceControlled, 0x932ff9b151263b36))
                .Add(new StunTextAttribute(StunAttributeType.Username, "evtj:h6vY"))
                .AddMessageIntegrity(KeyFor(section))
                .AddFingerprint(),
            "2.2" or "2.3" => new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, id)
                .Add(new StunTextAttribute(StunAttributeType.Software, "test vector"))
                .Add(new StunXorAddressAttribute(
                    StunAttributeType.XorMappedAddress,
                    new IPEndPoint(IPAddress.Parse(section == "2.2" ? "192.0.2.1" : "2001:db8:1234:5678:11:2233:4455:6677"), 32853)))
                .AddMessageIntegrity(KeyFor(section))
                .AddFingerprint(),
            _ => new StunMessageBuilder(StunMethod.Binding, StunClass.Request, id)
                .Add(new StunTextAttribute(StunAttributeType.Username, Username24))
                .Add(new StunTextAttribute(StunAttributeType.Nonce, "f//499k954d6OL34oL9FSTvy64sA"))
                .Add(new StunTextAttribute(StunAttributeType.Realm, Realm24))
                .AddMessageIntegrity(KeyFor(section)),
        };
        builder.PaddingByte = section == "2.4" ? (byte)0x00 : (byte)0x20;

        Assert.Equal(Convert.ToHexString(vector), Convert.ToHexString(builder.Encode()));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Decodes_the_vector_inside_a_larger_buffer(string section)
    {
        var vector = ReferenceData.Rfc5769Vector(section);
        var buffer = RawStun.Concat(new byte[] { 0xff, 0xee, 0xdd }, vector, new byte[] { 0x11, 0x22 });

        Assert.True(StunDecoder.TryDecode(buffer, 3, vector.Length, out var message, out var error), error?.ToString());
        Assert.Equal(vector, message!.ToArray());
        Assert.Equal(vector.Length, message.Length);
        StunMessageAssert.Identical(Decode(vector), message, section);
    }

    private static byte[] KeyFor(string section) => section == "2.4"
        ? StunCredentials.LongTermKey(Username24, Realm24, Password24)
        : StunCredentials.ShortTermKey(ShortTermPassword);

    private static StunMessage Decode(string section) => Decode(ReferenceData.Rfc5769Vector(section));

    private static StunMessage Decode(byte[] bytes)
    {
        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Null(error);
        return message!;
    }
}
