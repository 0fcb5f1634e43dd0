using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using T = TelnyxNet.Engine.Stun.StunAttributeType;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// Deterministic hostile inputs for the decoder: mutations of real messages, random buffers, and
/// random attribute streams behind a valid header. Each input comes from its own
/// <see cref="Random"/> seeded from (run seed, iteration), so one failing case can be replayed alone.
/// </summary>
internal static class StunFuzzInputs
{
    private static readonly ushort[] KnownTypes = StunAttributeRegistry.KnownTypes.ToArray();
    private static readonly Lazy<byte[][]> SeedMessages = new(BuildSeeds);

    /// <summary>The messages mutations start from.</summary>
    public static IReadOnlyList<byte[]> Seeds => SeedMessages.Value;

    /// <summary>A generator for one iteration of a run.</summary>
    public static Random ForIteration(int runSeed, int iteration) => new(unchecked((runSeed * 1_000_003) ^ (iteration * 7919) ^ iteration));

    /// <summary>A seed message with one to three mutations, then, half the time, a repaired header length and FINGERPRINT.</summary>
    public static byte[] Mutation(Random random)
    {
        var bytes = (byte[])Seeds[random.Next(Seeds.Count)].Clone();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            bytes = Mutate(random, bytes);
        }

        if (random.Next(2) == 0)
        {
            Repair(bytes);
        }

        return bytes;
    }

    /// <summary>Random bytes: a third pure noise, the rest with a plausible first byte, cookie and length field.</summary>
    public static byte[] RandomBuffer(Random random)
    {
        var bytes = RandomBytes(random, random.Next(0, 72));
        var style = random.Next(3);
        if (style > 0 && bytes.Length >= 8)
        {
            bytes[0] &= 0x3F;
            bytes[4] = 0x21;
            bytes[5] = 0x12;
            bytes[6] = 0xA4;
            bytes[7] = 0x42;
            if (style == 2)
            {
                RawStun.WriteUInt16(bytes, 2, Math.Max(0, bytes.Length - 20) & ~(random.Next(4) == 0 ? 0 : 3));
            }
        }

        return bytes;
    }

    /// <summary>A valid header followed by random attributes, mostly of known types with plausible values, sometimes signed and fingerprinted.</summary>
    public static byte[] AttributeStream(Random random)
    {
        var attributes = new List<byte[]>();
        var count = random.Next(0, 9);
        for (var i = 0; i < count; i++)
        {
            ushort type;
            byte[] value;
            if (random.Next(4) > 0)
            {
                type = KnownTypes[random.Next(KnownTypes.Length)];
                value = PlausibleValue(random, type);
                if (random.Next(12) == 0)
                {
                    value = RandomBytes(random, Math.Max(0, value.Length + random.Next(-2, 3)));
                }
            }
            else
            {
                type = (ushort)random.Next(0x10000);
                value = RandomBytes(random, random.Next(0, 25));
            }

            attributes.Add(WithPadding(random, RawStun.Attribute(type, value), value.Length));
        }

        if (random.Next(4) == 0)
        {
            attributes.Add(RawStun.Attribute(T.MessageIntegrity, RandomBytes(random, 20)));
        }

        if (random.Next(5) == 0)
        {
            attributes.Add(RawStun.Attribute(T.MessageIntegritySha256, RandomBytes(random, 16 + (4 * random.Next(5)))));
        }

        var fingerprint = random.Next(3) == 0;
        if (fingerprint)
        {
            attributes.Add(RawStun.Attribute(T.Fingerprint, new byte[4]));
        }

        var body = attributes.SelectMany(a => a).ToArray();
        var bytes = RawStun.Concat(RawStun.Header((ushort)random.Next(0x4000), body.Length, RandomBytes(random, 12)), body);
        if (fingerprint)
        {
            WriteFingerprint(bytes, bytes.Length - 8);
        }

        return bytes;
    }

    /// <summary>Sets the header length to the bytes present and recomputes a FINGERPRINT found last.</summary>
    private static void Repair(byte[] bytes)
    {
        if (bytes.Length < 20)
        {
            return;
        }

        RawStun.WriteUInt16(bytes, 2, bytes.Length - 20);
        var last = RawStun.Walk(bytes).LastOrDefault();
        if (last.Offset > 0 && last.Type == T.Fingerprint && last.Length == 4 && last.Offset + 8 == bytes.Length)
        {
            WriteFingerprint(bytes, last.Offset);
        }
    }

    private static byte[] Mutate(Random random, byte[] bytes)
    {
        var attributes = RawStun.Walk(bytes);
        switch (random.Next(11))
        {
            case 0 when bytes.Length > 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1 when bytes.Length > 0:
                bytes[random.Next(bytes.Length)] = random.Next(2) == 0 ? (byte)random.Next(256) : new byte[] { 0x00, 0xFF, 0x7F, 0x80, 0x01 }[random.Next(5)];
                return bytes;
            case 2:
                return bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray();
            case 3:
                return RawStun.Concat(bytes, RandomBytes(random, 1 + random.Next(24)));
            case 4 when bytes.Length >= 4:
                RawStun.WriteUInt16(bytes, 2, InterestingLength(random, bytes.Length - 20));
                return bytes;
            case 5 when attributes.Count > 0:
                var edited = attributes[random.Next(attributes.Count)];
                RawStun.WriteUInt16(bytes, edited.Offset + 2, InterestingLength(random, edited.Length));
                return bytes;
            case 6 when attributes.Count > 1:
                var a = attributes[random.Next(attributes.Count)];
                var b = attributes[random.Next(attributes.Count)];
                RawStun.WriteUInt16(bytes, a.Offset, b.Type);
                RawStun.WriteUInt16(bytes, b.Offset, a.Type);
                return bytes;
            case 7 when attributes.Count > 0:
                var retyped = attributes[random.Next(attributes.Count)];
                var newType = random.Next(3) switch
                {
                    0 => KnownTypes[random.Next(KnownTypes.Length)],
                    1 => new[] { T.Fingerprint, T.MessageIntegrity, T.MessageIntegritySha256, (ushort)0x7FFF, (ushort)0xC001 }[random.Next(5)],
                    _ => (ushort)random.Next(0x10000),
                };
                RawStun.WriteUInt16(bytes, retyped.Offset, newType);
                return bytes;
            case 8 when attributes.Count > 0:
                var (offset, _, length) = attributes[random.Next(attributes.Count)];
                var size = Math.Min(4 + ((length + 3) & ~3), bytes.Length - offset);
                return random.Next(2) == 0
                    ? RawStun.Concat(bytes.AsSpan(0, offset).ToArray(), bytes.AsSpan(offset + size).ToArray())
                    : RawStun.Concat(bytes.AsSpan(0, offset + size).ToArray(), bytes.AsSpan(offset).ToArray());
            case 9:
                var type = KnownTypes[random.Next(KnownTypes.Length)];
                var inserted = RawStun.Attribute(type, PlausibleValue(random, type));
                var at = attributes.Count == 0 ? Math.Min(20, bytes.Length) : attributes[random.Next(attributes.Count)].Offset;
                return RawStun.Concat(bytes.AsSpan(0, at).ToArray(), inserted, bytes.AsSpan(at).ToArray());
            default:
                if (bytes.Length > 0)
                {
                    var start = random.Next(bytes.Length);
                    var run = Math.Min(bytes.Length - start, 1 + random.Next(8));
                    random.NextBytes(bytes.AsSpan(start, run));
                }

                return bytes;
        }
    }

    private static int InterestingLength(Random random, int current) => random.Next(8) switch
    {
        0 => 0,
        1 => 0xFFFF,
        2 => Math.Clamp(current + 1, 0, 0xFFFF),
        3 => Math.Clamp(current - 1, 0, 0xFFFF),
        4 => Math.Clamp(current + 4, 0, 0xFFFF),
        5 => Math.Clamp(current - 4, 0, 0xFFFF),
        6 => random.Next(64),
        _ => random.Next(0x10000),
    };

    /// <summary>A value of the right shape for <paramref name="type"/> with random content, or random bytes for a type it does not shape.</summary>
    private static byte[] PlausibleValue(Random random, ushort type)
    {
        switch (type)
        {
            case T.MappedAddress or T.AlternateServer or T.ResponseOrigin or T.OtherAddress
                or T.XorMappedAddress or T.XorPeerAddress or T.XorRelayedAddress:
                var v6 = random.Next(2) == 0;
                var address = RandomBytes(random, v6 ? 20 : 8);
                address[0] = 0;
                address[1] = v6 ? (byte)2 : (byte)1;
                return address;
            case T.ChangeRequest or T.Lifetime or T.Priority or T.ChannelNumber or T.RequestedAddressFamily or T.RequestedTransport:
                return RandomBytes(random, 4);
            case T.ResponsePort:
                return RandomBytes(random, random.Next(2) == 0 ? 2 : 4);
            case T.EvenPort:
                return RandomBytes(random, 1);
            case T.IceControlled or T.IceControlling:
                return RandomBytes(random, 8);
            case T.DontFragment or T.UseCandidate:
                return Array.Empty<byte>();
            case T.MessageIntegrity:
                return RandomBytes(random, 20);
            case T.MessageIntegritySha256:
                return RandomBytes(random, 16 + (4 * random.Next(5)));
            case T.Fingerprint:
                return RandomBytes(random, 4);
            case T.ReservationToken:
                return RandomBytes(random, 8);
            case T.UserHash:
                return RandomBytes(random, 32);
            case T.ErrorCode:
                var reason = RandomText(random, random.Next(0, 40));
                return RawStun.Concat(new byte[] { 0, 0, (byte)(3 + random.Next(4)), (byte)random.Next(100) }, reason);
            case T.UnknownAttributes:
                return RandomBytes(random, 2 * random.Next(0, 6));
            case T.PasswordAlgorithm or T.PasswordAlgorithms:
                var entries = type == T.PasswordAlgorithm ? 1 : random.Next(0, 4);
                return Enumerable.Range(0, entries)
                    .SelectMany(_ => RawStun.Attribute((ushort)(1 + random.Next(3)), RandomBytes(random, random.Next(4) == 0 ? random.Next(1, 7) : 0)))
                    .ToArray();
            case T.Username or T.Realm or T.Nonce or T.Software or T.AlternateDomain:
                return RandomText(random, random.Next(0, 40));
            default:
                return RandomBytes(random, random.Next(0, 40));
        }
    }

    /// <summary>Mostly printable ASCII with the odd multi-byte character or invalid UTF-8 byte.</summary>
    private static byte[] RandomText(Random random, int length)
    {
        var text = RandomBytes(random, length);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = random.Next(10) == 0 ? text[i] : (byte)(0x20 + (text[i] % 0x5F));
        }

        return text;
    }

    private static byte[] WithPadding(Random random, byte[] attribute, int valueLength)
    {
        if (random.Next(2) == 0)
        {
            for (var i = 4 + valueLength; i < attribute.Length; i++)
            {
                attribute[i] = (byte)random.Next(256);
            }
        }

        return attribute;
    }

    private static void WriteFingerprint(byte[] bytes, int offset)
    {
        var crc = ReferenceCrc.Fingerprint(bytes, offset);
        bytes[offset + 4] = (byte)(crc >> 24);
        bytes[offset + 5] = (byte)(crc >> 16);
        bytes[offset + 6] = (byte)(crc >> 8);
        bytes[offset + 7] = (byte)crc;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The RFC 5769 vectors with and without their FINGERPRINT, the browser corpus, and built messages holding every sample attribute.</summary>
    private static byte[][] BuildSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (var section in ReferenceData.Rfc5769Sections)
        {
            var vector = ReferenceData.Rfc5769Vector(section);
            seeds.Add(vector);
            var last = RawStun.Walk(vector).Last();
            if (last.Type == T.Fingerprint)
            {
                seeds.Add(RawStun.FixLength(vector.AsSpan(0, last.Offset).ToArray()));
            }
        }

        seeds.AddRange(ReferenceData.BrowserMessages.Select(m => m.Message).DistinctBy(Convert.ToHexString));
        var key = StunCredentials.ShortTermKey("fuzz");
        foreach (var (type, samples) in StunAttributeSamples.ByType.OrderBy(p => p.Key))
        {
            var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, StunAttributeSamples.TransactionId);
            foreach (var (attribute, _) in samples)
            {
                builder.Add(attribute);
            }

            seeds.Add(builder.AddFingerprint().Encode());
        }

        var all = new StunMessageBuilder(StunMethod.Allocate, StunClass.ErrorResponse, StunAttributeSamples.TransactionId);
        foreach (var attribute in StunAttributeSamples.All.Where(a => a is not StunMessageIntegrityAttribute))
        {
            all.Add(attribute);
        }

        seeds.Add(all.AddMessageIntegrity(key).AddMessageIntegritySha256(key).AddFingerprint().Encode());
        return seeds.ToArray();
    }
}
