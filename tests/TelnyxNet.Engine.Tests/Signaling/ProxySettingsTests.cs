using System.Net;
using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Tests.Signaling;

/// <summary>Proxy URIs, NO_PROXY lists, and the environment and system sources of the proxy choice.</summary>
public sealed class ProxySettingsTests
{
    private static readonly SignalingTarget Rtc = SignalingTarget.Telnyx();

    [Theory]
    [InlineData("http://proxy.example:3128", "http://proxy.example:3128/", null)]
    [InlineData("proxy.example:8080", "http://proxy.example:8080/", null)]
    [InlineData("proxy.example", "http://proxy.example/", null)]
    [InlineData("http://labuser:lab%40pass@10.0.0.1:3129/", "http://10.0.0.1:3129/", "labuser")]
    [InlineData("[::1]:3128", "http://[::1]:3128/", null)]
    public void Parses_an_HTTP_proxy_and_keeps_its_user_apart(string text, string uri, string? user)
    {
        Assert.True(ProxyAddress.TryParse(text, out var proxy, out var credential, out var error), error);

        Assert.Equal(uri, proxy!.ToString());
        Assert.Equal(user, credential?.Username);
        Assert.DoesNotContain("@", proxy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://proxy.example:443", "a TLS connection to the proxy itself (https://) is not supported")]
    [InlineData("socks5://proxy.example:1080", "the scheme 'socks5' is not supported")]
    [InlineData("http://proxy.example:3128/path", "host and port only")]
    [InlineData("", "it is empty.")]
    public void Refuses_proxies_it_cannot_speak_to(string text, string expected)
    {
        Assert.False(ProxyAddress.TryParse(text, out _, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_shows_a_proxy_password_in_an_error()
    {
        Assert.False(ProxyAddress.TryParse("https://alice:s3cret@proxy.example", out _, out _, out var error));

        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
        Assert.Equal("http://alice:***@proxy.example:3128", ProxyAddress.Redact("http://alice:s3cret@proxy.example:3128"));
        Assert.Equal("proxy.example:3128", ProxyAddress.Redact("proxy.example:3128"));
    }

    [Theory]
    [InlineData("*", "rtc.telnyx.com", 443, "*")]
    [InlineData("telnyx.com", "rtc.telnyx.com", 443, "telnyx.com")]
    [InlineData(".telnyx.com", "rtc.telnyx.com", 443, ".telnyx.com")]
    [InlineData("*.telnyx.com", "RTC.TELNYX.COM", 443, "*.telnyx.com")]
    [InlineData("example.com, rtc.telnyx.com:443", "rtc.telnyx.com", 443, "rtc.telnyx.com:443")]
    [InlineData("rtc.telnyx.com:8443", "rtc.telnyx.com", 443, null)]
    [InlineData("nottelnyx.com", "telnyx.com", 443, null)]
    [InlineData("telnyx.com", "eviltelnyx.com", 443, null)]
    [InlineData("10.0.0.0/8", "10.1.2.3", 443, "10.0.0.0/8")]
    [InlineData("10.0.0.0/8", "11.1.2.3", 443, null)]
    [InlineData("203.0.113.12", "203.0.113.12", 443, "203.0.113.12")]
    [InlineData("[::1]:443 localhost", "::1", 443, "[::1]:443")]
    [InlineData("2001:db8::/32", "2001:db8:1::5", 443, "2001:db8::/32")]
    [InlineData("10.0.0.0/8", "rtc.telnyx.com", 443, null)]
    public void Matches_NO_PROXY_entries_as_curl_does(string list, string host, int port, string? entry) =>
        Assert.Equal(entry, new NoProxyList(list).Match(host, port));

    [Fact]
    public void Takes_https_proxy_before_HTTPS_PROXY_and_all_proxy_for_wss()
    {
        var source = new EnvironmentProxySource(Variables(("HTTPS_PROXY", "http://upper:1"), ("https_proxy", "http://lower:2"), ("ALL_PROXY", "http://all:3")));

        var decision = source.Find(Rtc);

        Assert.Equal(ProxySource.Environment, decision.Source);
        Assert.Equal("http://lower:2/", decision.Proxy!.ToString());
        Assert.Contains("https_proxy", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_upper_case_HTTP_PROXY_for_ws_as_curl_does()
    {
        Assert.True(SignalingTarget.TryParse("ws://example.net", out var plain, out _));

        Assert.Equal(ProxySource.None, new EnvironmentProxySource(Variables(("HTTP_PROXY", "http://cgi:1"))).Find(plain!).Source);
        Assert.Equal("http://lower:8/", new EnvironmentProxySource(Variables(("HTTP_PROXY", "http://cgi:1"), ("http_proxy", "http://lower:8"))).Find(plain!).Proxy!.ToString());
    }

    [Fact]
    public void Goes_direct_when_NO_PROXY_exempts_the_host_and_says_which_entry()
    {
        var decision = new EnvironmentProxySource(Variables(("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", "localhost,.telnyx.com"))).Find(Rtc);

        Assert.Null(decision.Proxy);
        Assert.Equal(ProxySource.EnvironmentBypass, decision.Source);
        Assert.Contains("'.telnyx.com'", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_the_credential_of_a_proxy_variable_and_refuses_a_bad_one()
    {
        var decision = new EnvironmentProxySource(Variables(("https_proxy", "http://bob:pw@proxy:3128"))).Find(Rtc);

        Assert.Equal("bob", decision.Credential!.Username);
        var unusable = new EnvironmentProxySource(Variables(("https_proxy", "socks5://proxy:1080"))).Find(Rtc);
        Assert.Null(unusable.Proxy);
        Assert.Equal(ProxySource.Environment, unusable.Source);
        Assert.StartsWith("https_proxy: 'socks5://proxy:1080' is not an HTTP proxy", unusable.Problem, StringComparison.Ordinal);
        Assert.Null(decision.Problem);
    }

    [Fact]
    public void The_environment_decides_before_the_system_settings()
    {
        var system = new FixedProxy(new Uri("http://system-proxy:8080/"));

        var fromEnvironment = new SystemProxySource(new EnvironmentProxySource(Variables(("https_proxy", "http://env:1"))), () => system).Find(Rtc);
        var fromSystem = new SystemProxySource(new EnvironmentProxySource(Variables()), () => system).Find(Rtc);
        var none = new SystemProxySource(new EnvironmentProxySource(Variables()), () => null).Find(Rtc);
        var direct = new SystemProxySource(new EnvironmentProxySource(Variables()), () => new FixedProxy(null)).Find(Rtc);

        Assert.Equal((ProxySource.Environment, "http://env:1/"), (fromEnvironment.Source, fromEnvironment.Proxy!.ToString()));
        Assert.Equal((ProxySource.System, "http://system-proxy:8080/"), (fromSystem.Source, fromSystem.Proxy!.ToString()));
        Assert.Equal("https://rtc.telnyx.com/", system.AskedFor!.ToString());
        Assert.Equal(ProxySource.None, none.Source);
        Assert.Equal(ProxySource.None, direct.Source);
        Assert.Null(direct.Proxy);
    }

    [Fact]
    public void A_proxy_credential_names_its_user_and_never_its_password()
    {
        using var password = new System.Security.SecureString();
        foreach (var c in "p@ss:word")
        {
            password.AppendChar(c);
        }

        var credential = ProxyCredential.FromPassword("labuser", password);

        Assert.Equal("labuser", credential.ToString());
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("labuser:p@ss:word")), credential.BasicAuthorization());
        Assert.Throws<ArgumentException>(() => ProxyCredential.FromPassword("a:b", password));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    /// <summary>A system proxy that sends everything to one proxy (or direct when null), and remembers what it was asked.</summary>
    private sealed class FixedProxy : IWebProxy
    {
        private readonly Uri? _proxy;

        public FixedProxy(Uri? proxy) => _proxy = proxy;

        public Uri? AskedFor { get; private set; }

        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination)
        {
            AskedFor = destination;
            return _proxy ?? destination;
        }

        public bool IsBypassed(Uri host) => _proxy is null;
    }
}
