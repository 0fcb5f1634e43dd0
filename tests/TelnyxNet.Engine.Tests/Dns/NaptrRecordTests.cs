using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Tests.Dns;

/// <summary>The NAPTR decoder against the examples of RFC 3403 §6 and RFC 3263 §4.1, and hostile RDATA.</summary>
public sealed class NaptrRecordTests
{
    /// <summary>RFC 3403 §6.1: the URN example, a regexp rewrite with an empty flag and the root as replacement.</summary>
    [Fact]
    public void Decodes_the_RFC_3403_URN_example_with_a_regexp_and_the_root_replacement()
    {
        var record = Decode(NaptrRdata.Build(100, 10, "", "", "!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i", "."));

        Assert.Equal(100, record.Order);
        Assert.Equal(10, record.Preference);
        Assert.Equal(string.Empty, record.Flags);
        Assert.Equal(string.Empty, record.Services);
        Assert.Equal("!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i", record.Regexp);
        Assert.Equal(string.Empty, record.Replacement);
        Assert.Equal("100 10 \"\" \"\" \"!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i\" .", record.ToString());
    }

    /// <summary>RFC 3403 §6.1, continued: example.com's three records of one order and preference, flags "a" and "s".</summary>
    [Theory]
    [InlineData("a", "z3950+N2L+N2C", "cidserver.example.com")]
    [InlineData("a", "rcds+N2C", "cidserver.example.com")]
    [InlineData("s", "http+N2L+N2C+N2R", "www.example.com")]
    public void Decodes_the_RFC_3403_example_com_records(string flags, string services, string replacement)
    {
        var record = Decode(NaptrRdata.Build(100, 50, flags, services, "", replacement + "."));

        Assert.Equal(100, record.Order);
        Assert.Equal(50, record.Preference);
        Assert.Equal(services, record.Services);
        Assert.Equal(replacement, record.Replacement);
        Assert.True(record.HasFlag(char.ToUpperInvariant(flags[0])), "flags are case-insensitive");
    }

    /// <summary>RFC 3403 §6.2: the E.164 example (ENUM), flag "u" and a URI-producing regexp.</summary>
    [Theory]
    [InlineData(100, "E2U+sip", "!^.*$!sip:information@foo.se!i")]
    [InlineData(102, "E2U+mailto", "!^.*$!mailto:information@foo.se!i")]
    public void Decodes_the_RFC_3403_E164_example(int order, string services, string regexp)
    {
        var record = Decode(NaptrRdata.Build(order, 10, "u", services, regexp, "."));

        Assert.Equal(order, record.Order);
        Assert.True(record.HasFlag('U'));
        Assert.Equal(services, record.Services);
        Assert.Equal(regexp, record.Regexp);
        Assert.Equal(string.Empty, record.Replacement);
    }

    /// <summary>RFC 3263 §4.1: example.com's SIP records, which lead to SRV names.</summary>
    [Theory]
    [InlineData(50, "SIPS+D2T", "_sips._tcp.example.com", "TLS")]
    [InlineData(90, "SIP+D2T", "_sip._tcp.example.com", "TCP")]
    [InlineData(100, "SIP+D2U", "_sip._udp.example.com", "UDP")]
    public void Decodes_the_RFC_3263_SIP_example_and_names_its_transport(int order, string services, string replacement, string transport)
    {
        var record = Decode(NaptrRdata.Build(order, 50, "s", services, "", replacement + "."));

        Assert.True(record.HasFlag('S'));
        Assert.Equal(replacement, record.Replacement);
        Assert.Equal(transport, NaptrRecord.SipServices[record.Services]);
    }

    [Theory]
    [InlineData("SIP+D2W", "WS")]
    [InlineData("SIPS+D2W", "WSS")]
    [InlineData("sip+d2u", "UDP")]
    public void Knows_the_WebSocket_services_and_reads_services_case_insensitively(string services, string transport) =>
        Assert.Equal(transport, NaptrRecord.SipServices[services]);

    [Fact]
    public void Rejects_RDATA_that_ends_inside_a_field_wherever_it_is_cut()
    {
        var whole = NaptrRdata.Build(10, 20, "S", "SIP+D2U", "", "_sip._udp.example.com.");
        for (var length = 0; length < whole.Length; length++)
        {
            Assert.False(NaptrRecord.TryDecode(whole.Take(length).ToArray(), out var record, out var error), "cut at " + length);
            Assert.Null(record);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void Rejects_a_compressed_replacement_which_RFC_3403_forbids()
    {
        var rdata = NaptrRdata.Build(10, 20, "S", "SIP+D2U", "", ".").SkipLast(1).Concat(new byte[] { 0xC0, 0x0C }).ToArray();

        Assert.False(NaptrRecord.TryDecode(rdata, out _, out var error));
        Assert.Contains("compression", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_bytes_after_the_replacement() =>
        Assert.False(NaptrRecord.TryDecode(NaptrRdata.Build(10, 20, "S", "SIP+D2U", "", "a.example.").Append((byte)1).ToArray(), out _, out _));

    [Fact]
    public void Never_throws_on_random_RDATA()
    {
        var random = new Random(3403);
        for (var i = 0; i < 20000; i++)
        {
            var rdata = new byte[random.Next(0, 80)];
            random.NextBytes(rdata);
            NaptrRecord.TryDecode(rdata, out var record, out var error);
            Assert.True(record != null ^ error != null);
        }
    }

    private static NaptrRecord Decode(byte[] rdata)
    {
        Assert.True(NaptrRecord.TryDecode(rdata, out var record, out var error), error);
        return record!;
    }
}
