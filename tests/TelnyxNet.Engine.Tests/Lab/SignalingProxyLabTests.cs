using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Tests.Integration.Signaling;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// Signaling from the lab's client through a real squid on 203.0.113.20: open, with and without
/// authentication, refusing CONNECT; found by -Proxy, by HTTPS_PROXY (with NO_PROXY) and by the
/// CLI's own environment; where the direct path is dropped.
/// </summary>
[Trait("Category", "Lab")]
public sealed class SignalingProxyLabTests
{
    [Fact]
    public async Task Through_squid_with_Proxy_succeeds_where_the_direct_path_is_dropped()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        await servers.Lab.StartSquidAsync();
        await servers.OnlyAsync(SignalingLab.ProxyAddress, SignalingLab.OpenProxyPort, SignalingLab.AuthProxyPort, SignalingLab.DenyProxyPort);

        var direct = await SignalingRun.OneAsync(servers.Client with { Timeout = TimeSpan.FromSeconds(2) }, servers.Uri());
        var proxied = await SignalingRun.OneAsync(servers.Client with { Proxy = Proxy(SignalingLab.OpenProxyPort) }, servers.Uri());

        SignalingRun.Failed(direct, FailureReason.Timeout);
        Assert.Contains("If this network reaches the web only through a proxy", direct.Remediation, StringComparison.Ordinal);
        SignalingRun.Succeeded(proxied);
        Assert.Equal("http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort, proxied.ProxyUsed);
        Assert.Equal(("Parameter", SignalingLab.ProxyAddress), (proxied.ProxySource, proxied.RemoteAddress));
        Assert.NotNull(proxied.TunnelMs);
        Assert.Equal(2.0, proxied.HeldSeconds);
        Assert.Equal(1000, proxied.CloseCode);
        Assert.False(proxied.TlsIntercepted);
    }

    [Fact]
    public async Task Squid_with_authentication_asks_for_Basic_refuses_a_wrong_password_and_passes_the_right_one()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        await servers.Lab.StartSquidAsync();
        var auth = servers.Client with { Proxy = Proxy(SignalingLab.AuthProxyPort) };

        var none = await SignalingRun.OneAsync(auth, servers.Uri());
        var wrong = await SignalingRun.OneAsync(auth with { ProxyCredential = ProxyCredential.FromPassword(SignalingLab.ProxyUser, Secrets.Secure("not-the-password")) }, servers.Uri());
        var right = await SignalingRun.OneAsync(auth with { ProxyCredential = ProxyCredential.FromPassword(SignalingLab.ProxyUser, Secrets.Secure(SignalingLab.ProxyPassword)) }, servers.Uri());

        SignalingRun.Failed(none, FailureReason.ProxyAuthenticationRequired);
        Assert.Equal(407, none.HttpStatusCode);
        Assert.Contains("it offers Basic realm=\"" + SignalingLab.ProxyRealm + "\"", none.Message, StringComparison.Ordinal);
        Assert.Contains("squid", none.AnsweredBy, StringComparison.Ordinal);
        SignalingRun.Failed(wrong, FailureReason.ProxyAuthenticationRequired);
        Assert.Contains("refused the credentials of user " + SignalingLab.ProxyUser, wrong.Message, StringComparison.Ordinal);
        SignalingRun.Succeeded(right);
        Assert.Equal("http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.AuthProxyPort, right.ProxyUsed);
    }

    [Fact]
    public async Task A_squid_that_refuses_CONNECT_is_ProxyRefused_403_and_HTTPS_PROXY_finds_the_proxy_that_works()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        await servers.Lab.StartSquidAsync();
        await servers.OnlyAsync(SignalingLab.ProxyAddress, SignalingLab.OpenProxyPort, SignalingLab.DenyProxyPort);
        var environment = new EnvironmentProxySource(name => name == "HTTPS_PROXY" ? "http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort : null);
        var bypassed = new EnvironmentProxySource(name => name switch { "HTTPS_PROXY" => "http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort, "NO_PROXY" => SignalingLab.WssAddress, _ => null });

        var refused = await SignalingRun.OneAsync(servers.Client with { Proxy = Proxy(SignalingLab.DenyProxyPort) }, servers.Uri());
        var discovered = await SignalingRun.OneAsync(servers.Client with { ProxySource = environment }, servers.Uri());
        var exempt = await SignalingRun.OneAsync(servers.Client with { ProxySource = bypassed, Timeout = TimeSpan.FromSeconds(2) }, servers.Uri());

        SignalingRun.Failed(refused, FailureReason.ProxyRefused);
        Assert.Equal(403, refused.HttpStatusCode);
        Assert.Contains("ask the proxy team to allow CONNECT to " + SignalingLab.WssAddress + ":443", refused.Remediation, StringComparison.Ordinal);
        SignalingRun.Succeeded(discovered);
        Assert.Equal(("Environment", "http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort), (discovered.ProxySource, discovered.ProxyUsed));
        SignalingRun.Failed(exempt, FailureReason.Timeout);
        Assert.Equal(("EnvironmentBypass", string.Empty), (exempt.ProxySource, exempt.ProxyUsed));
    }

    [Fact]
    public async Task The_CLI_finds_HTTPS_PROXY_in_its_own_environment()
    {
        await using var servers = await SignalingLabServers.StartAsync(Scenario.EndpointIndependentNat);
        await servers.Lab.StartSquidAsync();
        await servers.OnlyAsync(SignalingLab.ProxyAddress, SignalingLab.OpenProxyPort);

        var run = await servers.Lab.Client.RunAsync(
            "env",
            new[] { "HTTPS_PROXY=http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort, await TelnyxCli.PathAsync(), "signaling", "--uri", servers.Uri(), "--hold", "1", "--skip-certificate-check", "--json" },
            TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = Assert.Single(JsonDocument.Parse(run.StandardOutput).RootElement.EnumerateArray());
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal("Environment", result.GetProperty("proxySource").GetString());
        Assert.Equal("http://" + SignalingLab.ProxyAddress + ":" + SignalingLab.OpenProxyPort, result.GetProperty("proxyUsed").GetString());
        Assert.True(result.GetProperty("certificateCheckSkipped").GetBoolean());
    }

    private static Uri Proxy(int port) => new("http://" + SignalingLab.ProxyAddress + ":" + port + "/");
}
