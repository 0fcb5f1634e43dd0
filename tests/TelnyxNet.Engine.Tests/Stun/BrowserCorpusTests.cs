using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>STUN messages captured from Chrome and Firefox (reference/stun-from-browsers.csv).</summary>
public sealed class BrowserCorpusTests
{
    [Fact]
    public void The_corpus_is_intact_by_its_CRC_64_column()
    {
        Assert.NotEmpty(ReferenceData.BrowserMessages);
        foreach (var row in ReferenceData.BrowserMessages)
        {
            Assert.True(row.Crc == ReferenceCrc.Crc64Iso(row.Message), row + ": CRC-64/ISO " + ReferenceCrc.Crc64Iso(row.Message) + ", column says " + row.Crc);
        }
    }

    [Fact]
    public void The_CRC_64_matches_the_check_value_of_the_ISO_polynomial()
    {
        Assert.Equal(0xB90956C775A41001ul, ReferenceCrc.Crc64Iso("123456789"u8.ToArray()));
    }

    [Fact]
    public void Every_browser_message_decodes_and_re_decodes_identically()
    {
        foreach (var row in ReferenceData.BrowserMessages)
        {
            Assert.True(StunDecoder.TryDecode(row.Message, out var message, out var error), row + ": " + error);
            Assert.Equal(StunMethod.Binding, message!.Method);
            Assert.Equal(row.Message, message.ToArray());
            Assert.Empty(message.UnknownComprehensionRequired);
            Assert.True(StunDecoder.TryDecode(message.ToArray(), out var again, out error), row + ": " + error);
            StunMessageAssert.Identical(message, again!, row.ToString());
        }
    }

    [Fact]
    public void Every_browser_message_re_encodes_byte_for_byte()
    {
        foreach (var row in ReferenceData.BrowserMessages)
        {
            Assert.True(StunDecoder.TryDecode(row.Message, out var message, out var error), row + ": " + error);
            var builder = new StunMessageBuilder(message!.Method, message.Class, message.TransactionId);
            foreach (var attribute in message.Attributes.Where(a => a.Type != StunAttributeType.Fingerprint))
            {
                builder.Add(attribute);
            }

            if (message.GetAttribute(StunAttributeType.Fingerprint) != null)
            {
                builder.AddFingerprint();
            }

            Assert.True(row.Message.AsSpan().SequenceEqual(builder.Encode()), row + ": re-encoded bytes differ");
        }
    }
}
