using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// Every type in <see cref="StunAttributeRegistry.KnownTypes"/> is encoded to the bytes written
/// out by hand in <see cref="StunAttributeSamples"/> and decodes to the same typed value. A type
/// added to the registry without a sample fails here.
/// </summary>
public sealed class StunAttributeRoundTripTests
{
    public static TheoryData<string> KnownTypeNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var type in StunAttributeRegistry.KnownTypes)
            {
                data.Add(StunAttributeRegistry.NameOf(type));
            }

            return data;
        }
    }

    [Fact]
    public void Every_known_type_has_samples_and_every_sample_type_is_known()
    {
        var missing = StunAttributeRegistry.KnownTypes
            .Where(t => t != StunAttributeType.Fingerprint && !StunAttributeSamples.ByType.ContainsKey(t))
            .Select(StunAttributeRegistry.NameOf);
        Assert.Empty(missing);
        Assert.All(StunAttributeSamples.ByType.Keys, t => Assert.True(StunAttributeRegistry.IsKnown(t), "0x" + t.ToString("x4")));
        Assert.All(StunAttributeSamples.ByType, p => Assert.All(p.Value, s => Assert.Equal(p.Key, s.Attribute.Type)));
    }

    [Fact]
    public void The_registry_names_the_types_of_RFC_8489_and_its_relatives()
    {
        Assert.Equal(StunAttributeRegistry.KnownTypes.OrderBy(t => t), StunAttributeRegistry.KnownTypes);
        Assert.Equal("XOR-MAPPED-ADDRESS", StunAttributeRegistry.NameOf(StunAttributeType.XorMappedAddress));
        Assert.Equal("MESSAGE-INTEGRITY-SHA256", StunAttributeRegistry.NameOf(StunAttributeType.MessageIntegritySha256));
        Assert.Equal("FINGERPRINT", StunAttributeRegistry.NameOf(StunAttributeType.Fingerprint));
        Assert.Equal("0x7FFF", StunAttributeRegistry.NameOf(0x7FFF));
        Assert.False(StunAttributeRegistry.IsKnown(0x7FFF));
        Assert.Equal(
            StunAttributeRegistry.KnownTypes.Count(),
            StunAttributeRegistry.KnownTypes.Select(StunAttributeRegistry.NameOf).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(KnownTypeNames))]
    public void Encodes_and_decodes_a_representative_value(string name)
    {
        var type = StunAttributeRegistry.KnownTypes.Single(t => StunAttributeRegistry.NameOf(t) == name);
        if (type == StunAttributeType.Fingerprint)
        {
            AssertFingerprintIsComputedOverTheMessage();
            return;
        }

        Assert.True(StunAttributeSamples.ByType.TryGetValue(type, out var samples), name + " has no sample in StunAttributeSamples; every known type needs one.");
        Assert.NotEmpty(samples!);
        foreach (var (attribute, wire) in samples)
        {
            var bytes = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, StunAttributeSamples.TransactionId)
                .Add(new StunRawAttribute(0xC0DE, new byte[] { 0x78 }))
                .Add(attribute)
                .Encode();

            var (offset, value) = RawStun.Find(bytes, type);
            Assert.Equal(28, offset);
            Assert.Equal(wire, Convert.ToHexString(value).ToLowerInvariant());
            Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), name + ": " + error);
            var decoded = message!.GetAttribute(type);
            Assert.NotNull(decoded);
            Assert.Equal(StunAttributeDescription.Describe(attribute), StunAttributeDescription.Describe(decoded));
            Assert.Equal(attribute.GetType(), decoded.GetType());
            Assert.Equal(name, decoded.Name);
            Assert.Equal(type < 0x8000, decoded.IsComprehensionRequired);
            Assert.Empty(message.UnknownComprehensionRequired);
            Assert.StartsWith(name + ": ", decoded.ToString());
        }
    }

    [Fact]
    public void A_message_with_every_sample_round_trips()
    {
        var builder = new StunMessageBuilder(StunMethod.Allocate, StunClass.ErrorResponse, StunAttributeSamples.TransactionId) { PaddingByte = 0xEE };
        var samples = StunAttributeSamples.All.Where(a => a is not StunMessageIntegrityAttribute).ToArray();
        foreach (var attribute in samples)
        {
            builder.Add(attribute);
        }

        var message = builder.AddFingerprint().Build();

        Assert.Equal(StunMethod.Allocate, message.Method);
        Assert.Equal(StunClass.ErrorResponse, message.Class);
        Assert.Equal(
            samples.Select(StunAttributeDescription.Describe),
            message.Attributes.Take(samples.Length).Select(StunAttributeDescription.Describe));
        Assert.Equal(StunAttributeType.Fingerprint, message.Attributes[^1].Type);
        Assert.Equal(samples.Length + 1, message.Attributes.Count);
        Assert.Equal(401, message.Error!.Code);
        Assert.Equal(StunAttributeSamples.V4, message.MappedEndPoint);
    }

    private static void AssertFingerprintIsComputedOverTheMessage()
    {
        var bytes = new StunMessageBuilder(StunMethod.Binding, StunClass.Request, StunAttributeSamples.TransactionId)
            .Add(new StunTextAttribute(StunAttributeType.Software, "x"))
            .AddFingerprint()
            .Encode();

        var (offset, value) = RawStun.Find(bytes, StunAttributeType.Fingerprint);
        Assert.Equal(28, offset);
        Assert.Equal(bytes.Length - 8, offset);
        var expected = ReferenceCrc.Fingerprint(bytes, offset);
        Assert.Equal(expected.ToString("x8"), Convert.ToHexString(value).ToLowerInvariant());
        Assert.True(StunDecoder.TryDecode(bytes, out var message, out var error), error?.ToString());
        Assert.Equal(expected, message!.GetAttribute<StunFingerprintAttribute>(StunAttributeType.Fingerprint)!.Value);
    }
}
