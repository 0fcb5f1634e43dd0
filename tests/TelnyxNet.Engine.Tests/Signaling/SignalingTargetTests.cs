using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Signaling;

/// <summary>WebSocket URIs as users write them (RFC 6455 §3).</summary>
public sealed class SignalingTargetTests
{
    [Theory]
    [InlineData("wss://rtc.telnyx.com", "rtc.telnyx.com", 443, true, "/", "wss://rtc.telnyx.com/")]
    [InlineData("rtc.telnyx.com", "rtc.telnyx.com", 443, true, "/", "wss://rtc.telnyx.com/")]
    [InlineData("wss://RTC.Telnyx.com:8443/socket?token=a%20b", "rtc.telnyx.com", 8443, true, "/socket?token=a%20b", "wss://rtc.telnyx.com:8443/socket?token=a%20b")]
    [InlineData("ws://127.0.0.1:8080/x", "127.0.0.1", 8080, false, "/x", "ws://127.0.0.1:8080/x")]
    [InlineData("ws://example.net", "example.net", 80, false, "/", "ws://example.net/")]
    [InlineData("wss://[::1]:5443/", "::1", 5443, true, "/", "wss://[::1]:5443/")]
    [InlineData("  wss://sip.telnyx.com:7443  ", "sip.telnyx.com", 7443, true, "/", "wss://sip.telnyx.com:7443/")]
    public void Parses_a_WebSocket_URI(string text, string host, int port, bool secure, string resource, string uri)
    {
        Assert.True(SignalingTarget.TryParse(text, out var target, out var error), error);

        Assert.Equal((host, port, secure, resource, uri), (target!.Host, target.Port, target.Secure, target.Resource, target.Uri));
    }

    [Theory]
    [InlineData("", "it is empty.")]
    [InlineData("https://rtc.telnyx.com", "the scheme is 'https'; a WebSocket URI starts with wss:// or ws://.")]
    [InlineData("wss://user:pw@rtc.telnyx.com", "carries no user information")]
    [InlineData("wss://rtc.telnyx.com/#part", "no fragment (RFC 6455 §3)")]
    [InlineData("wss://bad_host!/", "not an absolute URI")]
    public void Refuses_what_is_not_a_WebSocket_URI_and_names_the_value(string text, string expected)
    {
        Assert.False(SignalingTarget.TryParse(text, out _, out var error));

        Assert.StartsWith("'" + text + "' is not a valid WebSocket URI: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Telnyx_targets_are_the_SDK_URL_and_its_regional_rewrites()
    {
        Assert.Equal("wss://rtc.telnyx.com/", SignalingTarget.Telnyx().Uri);
        Assert.Equal("wss://eu.rtc.telnyx.com/", SignalingTarget.Telnyx("EU").Uri);
        Assert.Equal(new[] { "us-east", "us-central", "us-west", "ca-central", "eu", "apac", "south-asia" }, SignalingTarget.Regions);
        Assert.Throws<ArgumentException>(() => SignalingTarget.Telnyx("mars"));
    }

    [Fact]
    public void Writes_the_authority_of_Host_and_CONNECT_with_brackets_for_IPv6()
    {
        Assert.True(SignalingTarget.TryParse("wss://[2001:db8::1]/", out var v6, out _));

        Assert.Equal("[2001:db8::1]", v6!.HostAndPort(defaultPortOmitted: true));
        Assert.Equal("[2001:db8::1]:443", v6.HostAndPort(defaultPortOmitted: false));
    }
}
