using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>How a user's server text (host, host:port, IPv6 literal, RFC 7064 URI) becomes a <see cref="StunServerAddress"/>.</summary>
public sealed class StunServerAddressTests
{
    public static TheoryData<string, TransportProtocol, string, int, TransportProtocol> Valid => new()
    {
        { "stun.telnyx.com", TransportProtocol.Udp, "stun.telnyx.com", 3478, TransportProtocol.Udp },
        { "stun.telnyx.com:3479", TransportProtocol.Udp, "stun.telnyx.com", 3479, TransportProtocol.Udp },
        { "host:65535", TransportProtocol.Udp, "host", 65535, TransportProtocol.Udp },
        { "host:1", TransportProtocol.Udp, "host", 1, TransportProtocol.Udp },
        { "[::1]:3478", TransportProtocol.Udp, "::1", 3478, TransportProtocol.Udp },
        { "[::1]", TransportProtocol.Udp, "::1", 3478, TransportProtocol.Udp },
        { "::1", TransportProtocol.Udp, "::1", 3478, TransportProtocol.Udp },
        { "2001:db8::5", TransportProtocol.Udp, "2001:db8::5", 3478, TransportProtocol.Udp },
        { "fe80::10", TransportProtocol.Udp, "fe80::10", 3478, TransportProtocol.Udp },
        { "2001:db8:0:0:0:0:0:3479", TransportProtocol.Udp, "2001:db8:0:0:0:0:0:3479", 3478, TransportProtocol.Udp },
        { "[::1:3479]", TransportProtocol.Udp, "::1:3479", 3478, TransportProtocol.Udp },
        { "127.0.0.1", TransportProtocol.Udp, "127.0.0.1", 3478, TransportProtocol.Udp },
        { "127.0.0.1:19302", TransportProtocol.Udp, "127.0.0.1", 19302, TransportProtocol.Udp },
        { "stun:host", TransportProtocol.Udp, "host", 3478, TransportProtocol.Udp },
        { "stun:host:3479", TransportProtocol.Udp, "host", 3479, TransportProtocol.Udp },
        { "STUN:Host.Example", TransportProtocol.Udp, "Host.Example", 3478, TransportProtocol.Udp },
        { "stuns:host", TransportProtocol.Udp, "host", 5349, TransportProtocol.Tls },
        { "stuns:host:443", TransportProtocol.Tcp, "host", 443, TransportProtocol.Tls },
        { "stun:[::1]:3479", TransportProtocol.Udp, "::1", 3479, TransportProtocol.Udp },
        { "stun.telnyx.com.", TransportProtocol.Udp, "stun.telnyx.com.", 3478, TransportProtocol.Udp },
        { "stun.telnyx.com.:3479", TransportProtocol.Udp, "stun.telnyx.com.", 3479, TransportProtocol.Udp },
        { "my_host-1.example", TransportProtocol.Udp, "my_host-1.example", 3478, TransportProtocol.Udp },
        { "  host  ", TransportProtocol.Udp, "host", 3478, TransportProtocol.Udp },
        { "host", TransportProtocol.Tcp, "host", 3478, TransportProtocol.Tcp },
        { "stun:host", TransportProtocol.Tcp, "host", 3478, TransportProtocol.Tcp },
        { "host", TransportProtocol.Tls, "host", 5349, TransportProtocol.Tls },
        { "[::1]:5350", TransportProtocol.Tls, "::1", 5350, TransportProtocol.Tls },
        { new string('a', 63) + ".com", TransportProtocol.Udp, new string('a', 63) + ".com", 3478, TransportProtocol.Udp },
    };

    public static TheoryData<string?, TransportProtocol, string> Invalid => new()
    {
        { null, TransportProtocol.Udp, "empty" },
        { string.Empty, TransportProtocol.Udp, "empty" },
        { "   ", TransportProtocol.Udp, "empty" },
        { "host:0", TransportProtocol.Udp, "the port '0' is not a number from 1 to 65535" },
        { "host:65536", TransportProtocol.Udp, "the port '65536'" },
        { "host:abc", TransportProtocol.Udp, "the port 'abc'" },
        { "host:", TransportProtocol.Udp, "the port ''" },
        { "host:+80", TransportProtocol.Udp, "the port '+80'" },
        { "[::1", TransportProtocol.Udp, "no closing ']'" },
        { "[1.2.3.4]:80", TransportProtocol.Udp, "'1.2.3.4' inside brackets is not an IPv6 address" },
        { "[::1]x", TransportProtocol.Udp, "expected ':port' after ']'" },
        { "stun://host", TransportProtocol.Udp, "no '//'" },
        { "stun:host?transport=tcp", TransportProtocol.Udp, "take no query" },
        { "stun:host", TransportProtocol.Tls, "write stuns: for STUN over TLS" },
        { "turn:host", TransportProtocol.Udp, "Test-TelnyxTurn" },
        { "turns:host:5349", TransportProtocol.Udp, "is not stun: or stuns:" },
        { "http://x", TransportProtocol.Udp, "the scheme 'http:' is not stun: or stuns:" },
        { "bad host!", TransportProtocol.Udp, "holds characters a DNS name cannot" },
        { "a..b", TransportProtocol.Udp, "empty label" },
        { ".host", TransportProtocol.Udp, "empty label" },
        { "-a.com", TransportProtocol.Udp, "holds characters a DNS name cannot" },
        { "a-.com", TransportProtocol.Udp, "holds characters a DNS name cannot" },
        { "h\u00F6st.example", TransportProtocol.Udp, "holds characters a DNS name cannot" },
        { "999.1.1.1", TransportProtocol.Udp, "is not a valid IPv4 address" },
        { "1.2.3", TransportProtocol.Udp, "is not a valid IPv4 address" },
        { "1.2.3.4.5", TransportProtocol.Udp, "is not a valid IPv4 address" },
        { new string('a', 64) + ".com", TransportProtocol.Udp, "longer than 63 characters" },
        { string.Join(".", Enumerable.Repeat(new string('a', 50), 6)), TransportProtocol.Udp, "longer than 253 characters" },
        { "a:b:c", TransportProtocol.Udp, "several ':' but is not an IPv6 address" },
        { "::1:3479", TransportProtocol.Udp, "write [::1]:3479 for a port, or [::1:3479] for the address alone" },
        { "2001:db8::1:19302", TransportProtocol.Udp, "several ':' but is not an IPv6 address" },
        { "2001:db8::443", TransportProtocol.Udp, "write [2001:db8::]:443 for a port" },
        { "stun:fe80::1:5349", TransportProtocol.Udp, "write [fe80::1]:5349 for a port" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_a_valid_server(string text, TransportProtocol transport, string host, int port, TransportProtocol expectedTransport)
    {
        Assert.True(StunServerAddress.TryParse(text, transport, out var server, out var error), error);
        Assert.Null(error);
        Assert.Equal(host, server!.Host);
        Assert.Equal(port, server.Port);
        Assert.Equal(expectedTransport, server.Transport);
        Assert.Equal(text.Trim(), server.Input);
        Assert.Equal(System.Net.IPAddress.TryParse(host, out _), server.IsAddressLiteral);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_an_invalid_server_naming_the_value(string? text, TransportProtocol transport, string reason)
    {
        Assert.False(StunServerAddress.TryParse(text, transport, out var server, out var error));
        Assert.Null(server);
        Assert.StartsWith("'" + text + "' is not a valid STUN server: ", error);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("host", TransportProtocol.Udp, "stun:host:3478")]
    [InlineData("stuns:host", TransportProtocol.Udp, "stuns:host:5349")]
    [InlineData("::1", TransportProtocol.Tcp, "stun:[::1]:3478")]
    [InlineData("[2001:db8::1]:80", TransportProtocol.Tls, "stuns:[2001:db8::1]:80")]
    public void Formats_as_a_canonical_URI_that_parses_back_to_the_same_server(string text, TransportProtocol transport, string canonical)
    {
        Assert.True(StunServerAddress.TryParse(text, transport, out var server, out var error), error);
        Assert.Equal(canonical, server!.ToString());

        var again = StunServerAddress.TryParse(canonical, transport == TransportProtocol.Tls ? TransportProtocol.Udp : transport, out var reparsed, out error);
        Assert.True(again, error);
        Assert.Equal((server.Host, server.Port, server.Transport), (reparsed!.Host, reparsed.Port, reparsed.Transport));
    }

    [Theory]
    [InlineData("stuns:host", TransportProtocol.Udp)]
    [InlineData("stuns:host:443", TransportProtocol.Tcp)]
    [InlineData("stun:host", TransportProtocol.Tls)]
    public void A_URI_of_another_transport_than_the_one_chosen_is_a_transport_conflict(string text, TransportProtocol chosen)
    {
        Assert.False(StunServerAddress.TryParse(text, chosen, explicitTransport: true, out var server, out var problem));

        Assert.Null(server);
        Assert.Equal(ServerInputErrorKind.TransportConflict, problem!.Kind);
        Assert.StartsWith("'" + text + "' is not a valid STUN server: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_chosen_transport_stuns_means_TLS_and_bad_syntax_is_invalid()
    {
        Assert.True(StunServerAddress.TryParse("stuns:host", TransportProtocol.Udp, explicitTransport: false, out var server, out var problem), problem?.Message);
        Assert.Equal(TransportProtocol.Tls, server!.Transport);

        Assert.False(StunServerAddress.TryParse("host:0", TransportProtocol.Udp, explicitTransport: true, out _, out problem));
        Assert.Equal(ServerInputErrorKind.Invalid, problem!.Kind);
    }

    [Fact]
    public void Create_accepts_valid_parts_and_refuses_invalid_ones()
    {
        var server = StunServerAddress.Create("::1", 3479, TransportProtocol.Tcp);
        Assert.Equal(("::1", 3479, TransportProtocol.Tcp), (server.Host, server.Port, server.Transport));
        Assert.Equal("[::1]:3479", StunServerAddress.FormatHostPort("::1", 3479));
        Assert.Equal("host:1", StunServerAddress.FormatHostPort("host", 1));
        Assert.Throws<ArgumentException>(() => StunServerAddress.Create("bad host", 3478, TransportProtocol.Udp));
        Assert.Throws<ArgumentException>(() => StunServerAddress.Create("host", 0, TransportProtocol.Udp));
    }
}
