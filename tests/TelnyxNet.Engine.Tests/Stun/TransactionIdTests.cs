using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>The 96-bit STUN transaction id (RFC 8489 §5).</summary>
public sealed class TransactionIdTests
{
    [Fact]
    public void Ten_thousand_random_ids_are_distinct()
    {
        var ids = new HashSet<TransactionId>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var id = TransactionId.NewRandom();
            Assert.True(ids.Add(id), "duplicate id " + id + " after " + i);
            Assert.True(texts.Add(id.ToString()), "duplicate text " + id + " after " + i);
        }
    }

    [Fact]
    public void FromBytes_and_CopyTo_round_trip_at_any_offset()
    {
        var source = Convert.FromHexString("ffffb7e7a701bc34d686fa87dfaeff");
        var id = TransactionId.FromBytes(source, 2);

        Assert.Equal("b7e7a701bc34d686fa87dfae", id.ToString());
        Assert.Equal(source.AsSpan(2, 12).ToArray(), id.ToArray());
        var target = new byte[16];
        id.CopyTo(target, 3);
        Assert.Equal(new byte[3], target.AsSpan(0, 3).ToArray());
        Assert.Equal(source.AsSpan(2, 12).ToArray(), target.AsSpan(3, 12).ToArray());
        Assert.Equal(0, target[15]);
        Assert.Equal(id, TransactionId.FromBytes(target, 3));
    }

    [Fact]
    public void Equality_follows_the_bytes()
    {
        var bytes = Convert.FromHexString("000102030405060708090a0b");
        var a = TransactionId.FromBytes(bytes, 0);
        var b = TransactionId.FromBytes((byte[])bytes.Clone(), 0);
        bytes[11] ^= 1;
        var lastByte = TransactionId.FromBytes(bytes, 0);
        bytes[11] ^= 1;
        bytes[0] ^= 1;
        var firstByte = TransactionId.FromBytes(bytes, 0);

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != lastByte);
        Assert.True(a != firstByte);
        Assert.False(a.Equals(lastByte));
        Assert.False(a.Equals((object)"000102030405060708090a0b"));
        Assert.False(a.Equals(null));
        Assert.Equal(default, TransactionId.FromBytes(new byte[12], 0));
    }

    [Fact]
    public void ToString_is_24_lower_case_hex_digits()
    {
        Assert.Equal("000102030405060708090a0b", TransactionId.FromBytes(Convert.FromHexString("000102030405060708090A0B"), 0).ToString());
        Assert.Equal("000000000000000000000000", default(TransactionId).ToString());
        for (var i = 0; i < 100; i++)
        {
            var id = TransactionId.NewRandom();
            var text = id.ToString();
            Assert.Matches("^[0-9a-f]{24}$", text);
            Assert.Equal(Convert.ToHexString(id.ToArray()).ToLowerInvariant(), text);
        }
    }

    [Fact]
    public void FromBytes_refuses_a_buffer_too_short_or_null()
    {
        Assert.Throws<ArgumentNullException>(() => TransactionId.FromBytes(null!, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionId.FromBytes(new byte[11], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionId.FromBytes(new byte[12], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionId.FromBytes(new byte[12], -1));
    }
}
