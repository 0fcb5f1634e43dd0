using System.Net;
using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support.Sip;

namespace TelnyxNet.Engine.Tests.Lab.Sip;

/// <summary>
/// Test-TelnyxSip's proof in the network lab: real kamailio and dnsmasq behind a real NAT, with the
/// kernel's SIP ALG and firewall rules on the way; the CLI runs as a process in the client
/// namespace with the lab's resolver in its resolv.conf.
/// </summary>
[Trait("Category", "Lab")]
public sealed class SipLabTests
{
    private static readonly string[] Addresses = { NetworkLab.ServerAddress, NetworkLab.AlternateServerAddress };

    [Fact]
    public async Task The_CLI_resolves_NAPTR_and_SRV_to_both_proxies_reaches_each_over_UDP_TCP_and_TLS_and_flags_the_rewriting_ALG()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat, alg: true);

        var run = await sip.CliAsync("--server", "sip:" + SipServerFiles.Domain);

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.True(run.Results.Count == 6, run.ToString());
        foreach (var transport in new[] { "Udp", "Tcp", "Tls" })
        {
            var results = run.Over(transport).ToList();
            Assert.Equal(Addresses, results.Select(r => r.GetProperty("remoteAddress").GetString()));
            Assert.All(results, r =>
            {
                Assert.True(r.GetProperty("status").GetString() == "Succeeded", r + Environment.NewLine + run);
                Assert.Equal("Naptr", r.GetProperty("resolvedBy").GetString());
                Assert.Equal(200, r.GetProperty("statusCode").GetInt32());
                Assert.True(r.GetProperty("roundTripTimeMs").GetDouble() >= 0);
                Assert.Equal(SipLab.DnsAddress + ":53", r.GetProperty("resolver").GetString());
                Assert.Equal(transport == "Tls" ? 5061 : 5060, r.GetProperty("port").GetInt32());
                Assert.StartsWith("NAPTR " + SipServerFiles.Domain, r.GetProperty("resolutionPath").GetString(), StringComparison.Ordinal);
                Assert.Contains(" > SRV ", r.GetProperty("resolutionPath").GetString(), StringComparison.Ordinal);
                Assert.Contains(" > A ", r.GetProperty("resolutionPath").GetString(), StringComparison.Ordinal);
            });
        }

        Assert.All(run.Over("Udp"), r =>
        {
            Assert.True(r.GetProperty("algSuspected").GetBoolean(), r.ToString());
            Assert.Contains("received=" + NetworkLab.ClientAddress, r.GetProperty("algEvidenceText").GetString(), StringComparison.Ordinal);
            Assert.Contains("SIP ALG", r.GetProperty("remediation").GetString(), StringComparison.Ordinal);
        });
        Assert.All(run.Over("Tcp").Concat(run.Over("Tls")), r =>
        {
            Assert.False(r.GetProperty("algSuspected").GetBoolean(), r.ToString());
            Assert.Equal(NetworkLab.NatPublicAddress, r.GetProperty("receivedAddress").GetString());
            Assert.Equal(r.GetProperty("localPort").GetInt32(), r.GetProperty("receivedPort").GetInt32());
        });
    }

    [Fact]
    public async Task Behind_a_plain_NAT_nothing_is_flagged_and_the_proxy_sees_the_NATs_public_address()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat);

        var run = await sip.CliAsync("--server", "sip:" + SipServerFiles.Domain, "--transport", "udp");

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.Equal(Addresses, run.Results.Select(r => r.GetProperty("remoteAddress").GetString()));
        Assert.All(run.Results, r =>
        {
            Assert.Equal("Succeeded", r.GetProperty("status").GetString());
            Assert.False(r.GetProperty("algSuspected").GetBoolean(), r.ToString());
            Assert.Equal(NetworkLab.NatPublicAddress, r.GetProperty("receivedAddress").GetString());
            Assert.Equal(NetworkLab.ClientAddress, r.GetProperty("localAddress").GetString());
        });
    }

    [Fact]
    public async Task Behind_a_plain_NAT_the_proxy_and_a_STUN_server_asked_from_the_same_socket_agree()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat);
        await sip.Lab.StartCoturnAsync();

        var results = await SipOptionsProbe.RunAsync(sip.OptionsWithStun("sip:" + SipServerFiles.Domain + ";transport=udp", TimeSpan.FromSeconds(5)), new CollectingLog(), null, CancellationToken.None);

        Assert.Equal(Addresses, results.Select(r => r.RemoteAddress));
        Assert.All(results, r =>
        {
            Assert.True(r.Outcome == ProbeStatus.Succeeded, r + ": " + r.Message);
            Assert.Equal((NetworkLab.NatPublicAddress, r.ReceivedPort), (r.MappedAddress, r.MappedPort));
            Assert.StartsWith("Agrees with the STUN mapping", r.MappingCheck, StringComparison.Ordinal);
            Assert.False(r.AlgSuspected, r.AlgEvidenceText);
        });
    }

    [Fact]
    public async Task Through_the_kernels_SIP_ALG_the_proxys_view_contradicts_the_STUN_mapping_of_the_same_socket()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat, alg: true);
        await sip.Lab.StartCoturnAsync();

        var results = await SipOptionsProbe.RunAsync(sip.OptionsWithStun("sip:" + SipServerFiles.Domain + ";transport=udp", TimeSpan.FromSeconds(5)), new CollectingLog(), null, CancellationToken.None);

        Assert.Equal(Addresses, results.Select(r => r.RemoteAddress));
        Assert.All(results, r =>
        {
            Assert.True(r.Outcome == ProbeStatus.Succeeded, r + ": " + r.Message);
            Assert.Equal(NetworkLab.NatPublicAddress, r.MappedAddress);
            Assert.True(r.AlgSuspected);
            Assert.Contains(r.AlgEvidence, e => e.Contains("this machine's own address " + NetworkLab.ClientAddress, StringComparison.Ordinal) && e.Contains("the STUN server " + NetworkLab.ServerAddress + ":" + NetworkLab.StunPort, StringComparison.Ordinal));
            Assert.Contains("where no NAT explains it", r.MappingCheck, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task UDP_5060_dropped_times_out_with_Timer_E_retransmissions_while_TCP_and_TLS_answer()
    {
        await using var sip = await SipLab.StartAsync(Scenario.PortDropped(LabProtocol.Udp, 5060));

        var results = await SipOptionsProbe.RunAsync(sip.Options("sip:" + SipServerFiles.Domain, TimeSpan.FromSeconds(3)), new CollectingLog(), null, CancellationToken.None);

        var udp = results.Where(r => r.Transport == "Udp").ToList();
        Assert.Equal(2, udp.Count);
        Assert.All(udp, r =>
        {
            Assert.True(r.Outcome == ProbeStatus.Failed && r.Reason == FailureReason.Timeout, r + ": " + r.Message);
            Assert.True(r.Retransmissions >= 2, "Timer E sends at 0, 0.5 and 1.5 s within 3 s: " + r.Retransmissions);
            Assert.Contains("5061", r.Remediation, StringComparison.Ordinal);
        });
        Assert.All(results.Where(r => r.Transport != "Udp"), r => Assert.True(r.Outcome == ProbeStatus.Succeeded, r + ": " + r.Message));
        Assert.Equal(4, results.Count(r => r.Transport != "Udp"));
        Assert.Equal(udp.Sum(r => 1 + r.Retransmissions), await sip.Lab.PacketsMatchedAsync("FORWARD", 1));
        Assert.Contains(SipFindings.From(results), f => f.Code == FindingCodes.SipUdpBlocked.Code);
    }

    [Fact]
    public async Task UDP_5060_rejected_is_refused_before_any_retransmission_while_TCP_and_TLS_answer()
    {
        await using var sip = await SipLab.StartAsync(Scenario.PortRejected(LabProtocol.Udp, 5060));

        var results = await SipOptionsProbe.RunAsync(sip.Options("sip:" + SipServerFiles.Domain, TimeSpan.FromSeconds(5)), new CollectingLog(), null, CancellationToken.None);

        var udp = results.Where(r => r.Transport == "Udp").ToList();
        Assert.Equal(2, udp.Count);
        Assert.All(udp, r =>
        {
            Assert.True(r.Outcome == ProbeStatus.Failed && r.Reason == FailureReason.Refused, r + ": " + r.Message);
            Assert.Equal(0, r.Retransmissions);
        });
        Assert.All(results.Where(r => r.Transport != "Udp"), r => Assert.True(r.Outcome == ProbeStatus.Succeeded, r + ": " + r.Message));
        Assert.Equal(2, await sip.Lab.PacketsMatchedAsync("FORWARD", 1));
    }

    [Fact]
    public async Task The_CLI_reports_NXDOMAIN_and_SERVFAIL_as_distinct_DNS_failures()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat);

        var missing = await sip.CliAsync("--server", "sip:nosuch.lab.test", "--timeout", "5");
        var failing = await sip.CliAsync("--server", "sip:pbx.fail.lab.test", "--timeout", "5");

        Assert.True(missing.Process.ExitCode == 1, missing.ToString());
        Assert.Equal(3, missing.Results.Count);
        Assert.All(missing.Results, r => AssertDnsFailure(r, "NameNotFound", missing));
        Assert.True(failing.Process.ExitCode == 1, failing.ToString());
        Assert.NotEmpty(failing.Results);
        Assert.All(failing.Results, r => AssertDnsFailure(r, "ServerFailure", failing));
    }

    [Fact]
    public async Task A_silent_first_resolver_is_passed_over_and_the_second_answers()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat, resolvers: new[] { SipLab.SilentDnsAddress, SipLab.DnsAddress });

        var run = await sip.CliAsync("--server", "sip:" + SipServerFiles.Domain, "--transport", "tcp", "--timeout", "10");

        Assert.True(run.Process.ExitCode == 0, run.ToString());
        Assert.All(run.Results, r => Assert.Equal(SipLab.DnsAddress + ":53", r.GetProperty("resolver").GetString()));
        var first = run.Results[0].GetProperty("resolution")[0];
        Assert.Contains(first.GetProperty("attempts").EnumerateArray(), a => a.GetString()!.StartsWith(SipLab.SilentDnsAddress + ":53 Timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_a_silent_resolver_is_a_DNS_timeout()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat, resolvers: new[] { SipLab.SilentDnsAddress });

        var run = await sip.CliAsync("--server", "sip:" + SipServerFiles.Domain, "--timeout", "3");

        Assert.True(run.Process.ExitCode == 1, run.ToString());
        Assert.All(run.Results, r => AssertDnsFailure(r, "Timeout", run));
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(3 + 10), run.ToString());
    }

    [Fact]
    public async Task A_truncated_answer_is_asked_again_over_TCP_from_the_client_namespace()
    {
        await using var sip = await SipLab.StartAsync(Scenario.EndpointIndependentNat);
        var options = sip.Options("sip:big.lab.test;transport=udp", TimeSpan.FromSeconds(5));
        var dns = new Engine.Dns.DnsClient(options.DnsServers!, options.OpenDatagramSocket, options.OpenStreamSocket, options.Clock, new CollectingLog(), TimeSpan.FromSeconds(3));

        var answer = await dns.QueryAsync("_sip._udp.big.lab.test", Makaretu.Dns.DnsType.SRV, options.Clock.Elapsed + TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(answer.Failure == Engine.Dns.DnsFailureKind.None, answer.Detail);
        Assert.Equal("TCP", answer.Transport);
        Assert.Equal(SipServerFiles.BigSrvCount, answer.Records.Count);
        Assert.Equal(new IPEndPoint(SipLab.DnsAddress, 53), answer.Resolver);
    }

    private static void AssertDnsFailure(JsonElement result, string kind, SipCliRun run)
    {
        Assert.True(result.GetProperty("status").GetString() == "Failed", result + Environment.NewLine + run);
        Assert.Equal("DnsFailure", result.GetProperty("failureReason").GetString());
        Assert.Equal(kind, result.GetProperty("dnsFailure").GetString());
        Assert.False(string.IsNullOrEmpty(result.GetProperty("remediation").GetString()));
    }
}
