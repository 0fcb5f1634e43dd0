using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>The managed MD5 used where FIPS mode refuses the platform's: RFC 1321's test suite, and agreement with the platform at every padding boundary.</summary>
public sealed class ManagedMd5Tests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
    [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Matches_the_RFC_1321_test_suite(string input, string digest)
    {
        Assert.Equal(digest, Convert.ToHexString(ManagedMd5.Hash(Encoding.ASCII.GetBytes(input))).ToLowerInvariant());
    }

    [Fact]
    public void Agrees_with_the_platform_for_every_length_up_to_three_blocks()
    {
        var random = new Random(1321);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(MD5.HashData(data), ManagedMd5.Hash(data));
        }
    }
}
