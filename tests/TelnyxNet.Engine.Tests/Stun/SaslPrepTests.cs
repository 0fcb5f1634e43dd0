using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>SASLprep (RFC 4013) as applied to STUN passwords.</summary>
public sealed class SaslPrepTests
{
    [Theory]
    [InlineData("TheMatr\u00ADIX", "TheMatrIX")]
    [InlineData("I\u00ADX", "IX")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("a\u3000b\u2003c", "a b c")]
    [InlineData("\u2168", "IX")]
    [InlineData("\u00AA", "a")]
    [InlineData("user", "user")]
    [InlineData("USER", "USER")]
    [InlineData("a\u200Bb\uFEFFc", "abc")]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("", "")]
    [InlineData("VOkJxbRl1RmTxUk/WvJxBt", "VOkJxbRl1RmTxUk/WvJxBt")]
    public void Prepares_the_RFC_4013_examples_and_mappings(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input));
    }

    [Theory]
    [InlineData("\u0007")]
    [InlineData("pass\u0007word")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\uE000b")]
    [InlineData("a\u202Eb")]
    public void Refuses_prohibited_characters(string input)
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input));
        Assert.Contains("prohibited character U+", error.Message);
    }

    [Fact]
    public void Refuses_lone_surrogates_and_non_characters()
    {
        foreach (var (input, rule) in new[] { ("a\uD800b", "C.5"), ("a\uDC00", "C.5"), ("\uD800", "C.5"), ("a\uFFFEb", "U+FFFE"), ("\uFFFF", "U+FFFF"), ("a\U0001FFFEb", "U+1FFFE"), ("\uFDD0", "U+FDD0") })
        {
            var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input));
            Assert.Contains(rule, error.Message);
        }
    }

    [Fact]
    public void Refuses_a_prohibited_supplementary_character_and_keeps_an_allowed_one()
    {
        Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("a\U000F0000b"));
        Assert.Equal("a\U0001F600b", SaslPrep.Prepare("a\U0001F600b"));
    }

    [Fact]
    public void Refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => SaslPrep.Prepare(null!));
    }
}
