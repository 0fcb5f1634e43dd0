using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Turn;

/// <summary>TURN servers as users write them: RFC 7065 URIs, plain hosts, and the -Transport filter.</summary>
public sealed class TurnServerAddressTests
{
    private static readonly TransportProtocol[] None = Array.Empty<TransportProtocol>();

    [Theory]
    [InlineData("turn:turn.example.org", "turn.example.org", 3478, TransportProtocol.Udp)]
    [InlineData("turn:turn.example.org?transport=udp", "turn.example.org", 3478, TransportProtocol.Udp)]
    [InlineData("TURN:turn.example.org:443?transport=TCP", "turn.example.org", 443, TransportProtocol.Tcp)]
    [InlineData("turns:turn.example.org", "turn.example.org", 5349, TransportProtocol.Tls)]
    [InlineData("turns:turn.example.org:443?transport=tcp", "turn.example.org", 443, TransportProtocol.Tls)]
    [InlineData("turn:[2001:db8::1]:3479", "2001:db8::1", 3479, TransportProtocol.Udp)]
    [InlineData("turn:192.0.2.1:3478?transport=tcp", "192.0.2.1", 3478, TransportProtocol.Tcp)]
    public void Parses_RFC_7065_URIs(string text, string host, int port, TransportProtocol transport)
    {
        var server = Single(text, None);

        Assert.Equal(host, server.Host);
        Assert.Equal(port, server.Port);
        Assert.Equal(transport, server.Transport);
        Assert.Equal(text, server.Input);
    }

    [Fact]
    public void Tests_a_plain_host_over_UDP_and_TCP_on_its_port()
    {
        Assert.True(TurnServerAddress.TryParse("turn.example.org:3479", null, out var servers, out var error), error?.Message);

        Assert.Equal(new[] { "turn:turn.example.org:3479?transport=udp", "turn:turn.example.org:3479?transport=tcp" }, servers.Select(s => s.ToString()));
    }

    [Fact]
    public void Gives_a_plain_host_the_transports_of_the_filter_with_the_TLS_default_port()
    {
        Assert.True(TurnServerAddress.TryParse("turn.example.org", new[] { TransportProtocol.Tls, TransportProtocol.Tcp }, out var servers, out var error), error?.Message);

        Assert.Equal(new[] { "turn:turn.example.org:3478?transport=tcp", "turns:turn.example.org:5349?transport=tcp" }, servers.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("turn:h?transport=tcp", TransportProtocol.Tcp)]
    [InlineData("turns:h", TransportProtocol.Tls)]
    [InlineData("turn:h", TransportProtocol.Tcp)]
    public void Keeps_URIs_whose_transport_is_asked_for(string text, TransportProtocol filter)
    {
        Assert.True(TurnServerAddress.TryParse(text, new[] { filter }, out var servers, out var error), error?.Message);

        Assert.Equal(filter, Assert.Single(servers).Transport);
    }

    [Theory]
    [InlineData("turn:h?transport=udp", TransportProtocol.Tcp, "UDP (?transport=udp)")]
    [InlineData("turn:h?transport=tcp", TransportProtocol.Udp, "TCP (?transport=tcp)")]
    [InlineData("turns:h", TransportProtocol.Udp, "TLS (turns:)")]
    [InlineData("turn:h", TransportProtocol.Tls, "turns:")]
    public void A_URI_whose_transport_is_not_asked_for_is_a_transport_conflict(string text, TransportProtocol filter, string named)
    {
        Assert.False(TurnServerAddress.TryParse(text, new[] { filter }, out var servers, out var error));

        Assert.Empty(servers);
        Assert.Equal(ServerInputErrorKind.TransportConflict, error!.Kind);
        Assert.StartsWith("'" + text + "' is not a valid TURN server: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("turn://host", "no '//'")]
    [InlineData("turn:host?transport=sctp", "not udp or tcp")]
    [InlineData("turn:host?foo=bar", "?transport=udp or ?transport=tcp")]
    [InlineData("turn:host?transport=udp&x=1", "?transport=udp or ?transport=tcp")]
    [InlineData("turns:host?transport=udp", "DTLS")]
    [InlineData("stun:host", "Test-TelnyxStun")]
    [InlineData("https://host", "is not turn: or turns:")]
    [InlineData("host?transport=udp", "-Transport")]
    [InlineData("turn:host:0", "1 to 65535")]
    [InlineData("turn:host:99999", "1 to 65535")]
    [InlineData("turn:bad_host-.example", "characters a DNS name cannot")]
    [InlineData("turn:300.1.1.1", "not a valid IPv4")]
    [InlineData("turn:[::1", "closing ']'")]
    [InlineData("::1:3479", "write [::1]:3479 for a port")]
    [InlineData("turn:2001:db8::443", "write [2001:db8::]:443 for a port")]
    public void Rejects_bad_values_saying_what_is_wrong(string text, string reason)
    {
        Assert.False(TurnServerAddress.TryParse(text, None, out var servers, out var error));

        Assert.Empty(servers);
        Assert.Equal(ServerInputErrorKind.Invalid, error!.Kind);
        Assert.StartsWith("'" + text + "' is not a valid TURN server: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_turn_URI_when_only_TLS_is_asked_for()
    {
        Assert.False(TurnServerAddress.TryParse("turn:host", new[] { TransportProtocol.Tls }, out _, out var error));

        Assert.Contains("turns:", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_the_Telnyx_defaults_and_filters_them()
    {
        Assert.Equal(
            new[] { "turn:turn.telnyx.com:3478?transport=udp", "turn:turn.telnyx.com:3478?transport=tcp", "turn:turn.telnyx.com:443?transport=tcp", "turns:turn.telnyx.com:443?transport=tcp" },
            TelnyxEndpoints.DefaultTurnServers().Select(s => s.ToString()));
        Assert.Equal(new[] { 3478, 443 }, TelnyxEndpoints.DefaultTurnServers(new[] { TransportProtocol.Tcp }).Select(s => s.Port));
        Assert.Equal(TransportProtocol.Tls, Assert.Single(TelnyxEndpoints.DefaultTurnServers(new[] { TransportProtocol.Tls })).Transport);
    }

    private static TurnServerAddress Single(string text, IReadOnlyCollection<TransportProtocol> filter)
    {
        Assert.True(TurnServerAddress.TryParse(text, filter, out var servers, out var error), error?.Message);
        return Assert.Single(servers);
    }
}
