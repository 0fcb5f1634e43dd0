using System.Net.Sockets;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>
/// HTTP proxies scripted on loopback: refusals, challenges, hostile answers, and a forwarding
/// proxy that tunnels to a real Kestrel server, reached by -Proxy and by the environment's
/// http_proxy with NO_PROXY. Real squid and mitmproxy are in the lab tests.
/// </summary>
public sealed class ScriptedProxyTests : IClassFixture<LoopbackWssServers>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);
    private readonly LoopbackWssServers _servers;

    public ScriptedProxyTests(LoopbackWssServers servers) => _servers = servers;

    [Fact]
    public async Task A_407_without_a_credential_names_the_schemes_the_proxy_offers()
    {
        using var proxy = Answering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nProxy-Authenticate: Basic realm=\"corp, main\"\r\n\r\n");

        var result = await ThroughAsync(proxy, null);

        SignalingRun.Failed(result, FailureReason.ProxyAuthenticationRequired);
        Assert.Equal(407, result.HttpStatusCode);
        Assert.Contains("requires authentication (407 Proxy Authentication Required); it offers Negotiate; NTLM; Basic realm=\"corp, main\"", result.Message, StringComparison.Ordinal);
        Assert.Contains("-ProxyCredential", result.Remediation, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:" + proxy.EndPoint.Port, result.ProxyUsed);
        Assert.Equal("Parameter", result.ProxySource);
        Assert.Null(result.TlsMs);
    }

    [Fact]
    public async Task A_credential_is_sent_as_Basic_and_a_407_then_says_it_was_refused()
    {
        var heads = new List<string>();
        using var proxy = new ScriptedTcpServer(async (c, t) =>
        {
            lock (heads)
            {
                heads.Add(c.ReadHeadAsync(t).Result);
            }

            await c.SendAsync("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"lab-proxy\"\r\n\r\n", t);
            await c.SilenceAsync(t);
        });

        var result = await ThroughAsync(proxy, Credential("labuser", "wrong"));

        SignalingRun.Failed(result, FailureReason.ProxyAuthenticationRequired);
        Assert.Contains("refused the credentials of user labuser (407)", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", result.Message + result.Remediation, StringComparison.Ordinal);
        var head = Assert.Single(heads);
        Assert.StartsWith("CONNECT 127.0.0.1:" + _servers.Plain.EndPoint.Port + " HTTP/1.1\r\nHost: 127.0.0.1:" + _servers.Plain.EndPoint.Port + "\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("labuser:wrong")) + "\r\n", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_offers_only_NTLM_says_Basic_is_all_this_test_sends()
    {
        using var proxy = Answering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\n\r\n");

        var result = await ThroughAsync(proxy, Credential("corp\\alice", "pw"));

        SignalingRun.Failed(result, FailureReason.ProxyAuthenticationRequired);
        Assert.Contains("does not accept Basic credentials (407); it offers NTLM", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_refusal_is_ProxyRefused_with_its_code_and_who_answered()
    {
        using var proxy = Answering("HTTP/1.1 403 Forbidden\r\nServer: squid/5.7\r\nVia: 1.1 corp-proxy (squid/5.7)\r\n\r\n");

        var result = await ThroughAsync(proxy, null);

        SignalingRun.Failed(result, FailureReason.ProxyRefused);
        Assert.Equal(403, result.HttpStatusCode);
        Assert.Equal("Via: 1.1 corp-proxy (squid/5.7); Server: squid/5.7", result.AnsweredBy);
        Assert.Contains("refused to open a tunnel to 127.0.0.1:" + _servers.Plain.EndPoint.Port + ": 403 Forbidden", result.Message, StringComparison.Ordinal);
        Assert.Contains("allow CONNECT to 127.0.0.1:" + _servers.Plain.EndPoint.Port, result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_closes_without_answering_is_a_ProtocolError_and_one_that_resets_is_Refused()
    {
        using var closing = new ScriptedTcpServer(async (c, t) => await c.ReadHeadAsync(t));
        using var resetting = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            c.Reset();
        });

        var closed = await ThroughAsync(closing, null);
        var reset = await ThroughAsync(resetting, null);

        SignalingRun.Failed(closed, FailureReason.ProtocolError);
        Assert.Contains("The proxy 127.0.0.1:" + closing.EndPoint.Port + " closed the connection without answering", closed.Message, StringComparison.Ordinal);
        SignalingRun.Failed(reset, FailureReason.Refused);
    }

    [Fact]
    public async Task A_proxy_that_speaks_before_the_server_is_a_ProtocolError()
    {
        using var proxy = Answering("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");

        var result = await ThroughAsync(proxy, null);

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains("sent 19 bytes after opening the tunnel", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tunnel_that_does_not_carry_TLS_is_TlsFailure()
    {
        using var proxy = new ScriptedTcpServer(async (c, t) =>
        {
            await c.ReadHeadAsync(t);
            await c.SendAsync("HTTP/1.1 200 OK\r\n\r\n", t);
            await Task.Delay(100, t);
            await c.SendAsync("<html>captive portal</html>", t);
            await c.SilenceAsync(t);
        });

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Proxy = Uri(proxy), Timeout = Bound }, _servers.Tls.Uri());

        SignalingRun.Failed(result, FailureReason.TlsFailure);
        Assert.NotNull(result.TunnelMs);
    }

    [Fact]
    public async Task Through_a_forwarding_proxy_opens_and_holds_with_the_proxy_named()
    {
        using var proxy = Forwarding();

        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { Proxy = Uri(proxy), Trust = _servers.PublicTestCa }, _servers.Tls.Uri());

        SignalingRun.Succeeded(result);
        Assert.Equal("http://127.0.0.1:" + proxy.EndPoint.Port, result.ProxyUsed);
        Assert.Equal("Parameter", result.ProxySource);
        Assert.Equal("127.0.0.1", result.RemoteAddress);
        Assert.NotNull(result.TunnelMs);
        Assert.False(result.TlsIntercepted);
        Assert.Contains("through the proxy 127.0.0.1:" + proxy.EndPoint.Port, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finds_the_proxy_in_the_environment_and_goes_direct_where_NO_PROXY_says()
    {
        using var proxy = Forwarding();
        var proxied = new EnvironmentProxySource(name => name == "http_proxy" ? "http://127.0.0.1:" + proxy.EndPoint.Port : null);
        var exempt = new EnvironmentProxySource(name => name switch { "http_proxy" => "http://127.0.0.1:" + proxy.EndPoint.Port, "NO_PROXY" => "localhost,127.0.0.0/8", _ => null });

        var through = await SignalingRun.OneAsync(SignalingRun.Direct with { ProxySource = proxied }, _servers.Plain.Uri());
        var accepted = proxy.Accepted;
        var direct = await SignalingRun.OneAsync(SignalingRun.Direct with { ProxySource = exempt }, _servers.Plain.Uri());

        SignalingRun.Succeeded(through);
        Assert.Equal(("Environment", "http://127.0.0.1:" + proxy.EndPoint.Port), (through.ProxySource, through.ProxyUsed));
        SignalingRun.Succeeded(direct);
        Assert.Equal(("EnvironmentBypass", string.Empty), (direct.ProxySource, direct.ProxyUsed));
        Assert.Equal(accepted, proxy.Accepted);
    }

    [Fact]
    public async Task A_proxy_setting_that_cannot_be_used_is_reported_not_thrown()
    {
        var result = await SignalingRun.OneAsync(SignalingRun.Direct with { ProxySource = new EnvironmentProxySource(name => name == "http_proxy" ? "socks5://127.0.0.1:1080" : null) }, _servers.Plain.Uri());

        SignalingRun.Failed(result, FailureReason.ProtocolError);
        Assert.Contains("The proxy setting cannot be used: http_proxy: ", result.Message, StringComparison.Ordinal);
    }

    private static ScriptedTcpServer Answering(string answer) => new(async (c, t) =>
    {
        await c.ReadHeadAsync(t);
        await c.SendAsync(answer, t);
        await c.SilenceAsync(t);
    });

    /// <summary>A CONNECT proxy that answers like tinyproxy (HTTP/1.0 200) and pipes both ways to the target it is asked for.</summary>
    private static ScriptedTcpServer Forwarding() => new(async (c, t) =>
    {
        var head = await c.ReadHeadAsync(t);
        var authority = head.Split(' ')[1];
        var colon = authority.LastIndexOf(':');
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(authority.Substring(0, colon), int.Parse(authority.Substring(colon + 1)), t);
        await c.SendAsync("HTTP/1.0 200 Connection established\r\nProxy-agent: scripted\r\n\r\n", t);
        await c.PipeAsync(upstream.GetStream(), t);
    });

    private Task<Engine.Probes.SignalingResult> ThroughAsync(ScriptedTcpServer proxy, ProxyCredential? credential) =>
        SignalingRun.OneAsync(SignalingRun.Direct with { Proxy = Uri(proxy), ProxyCredential = credential, Timeout = Bound }, _servers.Plain.Uri());

    private static Uri Uri(ScriptedTcpServer proxy) => new("http://127.0.0.1:" + proxy.EndPoint.Port + "/");

    private static ProxyCredential Credential(string user, string password) => ProxyCredential.FromPassword(user, Secrets.Secure(password));
}
