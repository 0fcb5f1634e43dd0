using System.Net;
using System.Text;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration.Signaling;

/// <summary>
/// HTTP proxies scripted on loopback (<see cref="HostileStreamServer"/>): how a credential is sent
/// and refused, and a forwarding proxy that tunnels to a real Kestrel server, reached by -Proxy and
/// by the environment's http_proxy with NO_PROXY. Proxies that refuse, lie or stall are cases of
/// the hostile suite (<see cref="Hostile.SignalingHostileTests"/>); real squid and mitmproxy are in
/// the lab tests.
/// </summary>
public sealed class ScriptedProxyTests : IClassFixture<LoopbackWssServers>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);
    private readonly LoopbackWssServers _servers;

    public ScriptedProxyTests(LoopbackWssServers servers) => _servers = servers;

    [Fact]
    public async Task A_credential_is_sent_as_Basic_and_a_407_then_says_it_was_refused()
    {
        var heads = new List<string>();
        using var proxy = Answering(request =>
        {
            lock (heads)
            {
                heads.Add(Encoding.Latin1.GetString(request));
            }

            return Encoding.Latin1.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"lab-proxy\"\r\n\r\n");
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
        using var proxy = Answering(HttpAnswers.Text("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\n\r\n"));

        var result = await ThroughAsync(proxy, Credential("corp\\alice", "pw"));

        SignalingRun.Failed(result, FailureReason.ProxyAuthenticationRequired);
        Assert.Contains("does not accept Basic credentials (407); it offers NTLM", result.Message, StringComparison.Ordinal);
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

    private static HostileStreamServer Answering(Func<byte[], byte[]> answer) => new(StreamBehaviours.Answer(StreamBehaviours.Head, answer));

    /// <summary>A CONNECT proxy that answers like tinyproxy (HTTP/1.0 200) and pipes both ways to the target it is asked for.</summary>
    private static HostileStreamServer Forwarding() => new(HttpAnswers.Forwarding(IPEndPoint.Parse));

    private Task<Engine.Probes.SignalingResult> ThroughAsync(HostileStreamServer proxy, ProxyCredential? credential) =>
        SignalingRun.OneAsync(SignalingRun.Direct with { Proxy = Uri(proxy), ProxyCredential = credential, Timeout = Bound }, _servers.Plain.Uri());

    private static Uri Uri(HostileStreamServer proxy) => new("http://" + proxy.Server + "/");

    private static ProxyCredential Credential(string user, string password) => ProxyCredential.FromPassword(user, Secrets.Secure(password));
}
