using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Sip;

/// <summary>The SIP probe against kamailio and dnsmasq on loopback: RFC 3263 selection, every transport and address, status codes, Via parameters.</summary>
[Collection(SipLoopbackCollection.Name)]
public sealed class SipLoopbackProbeTests
{
    private readonly SipLoopbackFixture _servers;

    public SipLoopbackProbeTests(SipLoopbackFixture servers) => _servers = servers;

    [Fact]
    public async Task Finds_both_proxies_over_UDP_TCP_and_TLS_through_NAPTR_and_SRV_and_reaches_each()
    {
        var results = await RunAsync("sip:" + SipServerFiles.Domain);

        Assert.True(results.Count == 6, Describe(results));
        Assert.All(results, r =>
        {
            Assert.True(r.Status == "Succeeded", r + ": " + r.Message + Environment.NewLine + _servers.Log);
            Assert.Equal(nameof(SipResolvedBy.Naptr), r.ResolvedBy);
            Assert.Equal(200, r.StatusCode);
            Assert.Equal("OK", r.ReasonPhrase);
            Assert.StartsWith("kamailio", r.ServerHeader, StringComparison.Ordinal);
            Assert.Equal(r.LocalAddress, r.ReceivedAddress);
            Assert.Equal(r.LocalPort, r.ReceivedPort);
            Assert.False(r.AlgSuspected);
            Assert.Equal(_servers.Dns.ToString(), r.Resolver);
            Assert.Contains("NAPTR " + SipServerFiles.Domain, r.ResolutionPath, StringComparison.Ordinal);
        });
        Assert.Equal(new[] { "Tls", "Tls", "Tcp", "Tcp", "Udp", "Udp" }, results.Select(r => r.Transport));
        Assert.Equal(new[] { "127.0.0.1", "127.0.0.2" }, results.Where(r => r.Transport == "Udp").Select(r => r.RemoteAddress));
        Assert.All(results.Where(r => r.Transport == "Tls"), r => Assert.Equal(_servers.TlsPort, r.Port));
        Assert.All(results.Where(r => r.Transport != "Tls"), r => Assert.Equal(_servers.SipPort, r.Port));
        Assert.All(results.Where(r => r.Transport == "Tls"), r => Assert.NotEmpty(r.TlsProtocol));
    }

    [Fact]
    public async Task Without_NAPTR_records_SRV_leads_to_the_proxy_and_TLS_without_SRV_is_Skipped()
    {
        var results = await RunAsync("sip:srvonly.lab.test");

        Assert.Equal(new[] { "Udp|Succeeded|Srv", "Tcp|Succeeded|Srv", "Tls|Skipped|" }, results.Select(r => r.Transport + "|" + r.Status + "|" + r.ResolvedBy));
        Assert.Equal(nameof(Engine.Dns.DnsFailureKind.NoRecords), results[2].DnsFailure);
        Assert.Contains("_sips._tcp.srvonly.lab.test", results[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_NAPTR_and_SRV_the_A_record_and_the_default_ports_are_used()
    {
        var results = await RunAsync("sip:aonly.lab.test", TimeSpan.FromSeconds(2));

        Assert.Equal(new[] { "Udp:5060", "Tcp:5060", "Tls:5061" }, results.Select(r => r.Transport + ":" + r.Port));
        Assert.All(results, r => Assert.Equal("A", r.ResolvedBy));
        Assert.Contains(SipFindings.From(results), f => f.Code == FindingCodes.DnsSipRecordsMissing.Code);
    }

    [Fact]
    public async Task A_NAPTR_set_offering_only_UDP_skips_TCP_and_TLS()
    {
        var results = await RunAsync("sip:udponly.lab.test");

        Assert.Equal(2, results.Count(r => r.Transport == "Udp" && r.Status == "Succeeded"));
        Assert.Equal(new[] { "Tcp", "Tls" }, results.Where(r => r.Status == "Skipped").Select(r => r.Transport));
        Assert.All(results.Where(r => r.Status == "Skipped"), r => Assert.Contains("offer no", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proxy_answering_503_is_reachable_but_unavailable()
    {
        var results = await RunAsync("sip:unavailable.lab.test:" + _servers.SipPort + ";transport=udp");

        var result = Assert.Single(results);
        Assert.Equal(nameof(FailureReason.ProxyUnavailable), result.FailureReason);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("Service Unavailable", result.ReasonPhrase);
        Assert.Contains("failover", SipFindings.From(results).Single(f => f.Code == FindingCodes.SipProxyUnavailable.Code).Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sip:nosuch.lab.test", "NameNotFound", 3)]
    [InlineData("sip:x.fail.lab.test", "ServerFailure", 3)]
    [InlineData("sip:telnyx.example.com", "Refused", 3)]
    [InlineData("sip:aonly.lab.test;transport=tcp", "None", 0)]
    public async Task DNS_failures_are_results_with_their_kind(string server, string kind, int failures)
    {
        var results = await RunAsync(server);

        var failed = results.Where(r => r.FailureReason == nameof(FailureReason.DnsFailure)).ToList();
        Assert.Equal(failures, failed.Count);
        Assert.All(failed, r =>
        {
            Assert.Equal(kind, r.DnsFailure);
            Assert.Equal("Failed", r.Status);
            Assert.Equal(_servers.Dns.ToString(), r.Resolver);
            Assert.NotEmpty(r.Remediation);
        });
        if (failures > 0)
        {
            Assert.Contains(SipFindings.From(results), f => f.Code == FindingCodes.DnsFailure.Code && f.Message.Contains(kind, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_name_without_an_address_of_the_family_asked_for_is_a_NoRecords_DNS_failure()
    {
        Assert.True(SipServerAddress.TryParse("aonly.lab.test:" + _servers.SipPort, out var server, out _));
        var options = new SipOptionsOptions { Servers = new[] { server! }, DnsServers = new[] { _servers.Dns }, AddressFamily = Engine.Dns.AddressFamilyPreference.IPv6, Timeout = TimeSpan.FromSeconds(3) };

        var results = await SipOptionsProbe.RunAsync(options, null, null, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal((nameof(FailureReason.DnsFailure), "NoRecords"), (r.FailureReason, r.DnsFailure));
            Assert.Contains("no IPv6 address", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_literal_address_skips_DNS_and_the_transport_filter_keeps_one_transport()
    {
        Assert.True(SipServerAddress.TryParse("127.0.0.2:" + _servers.SipPort, out var server, out _));
        var options = new SipOptionsOptions { Servers = new[] { server! }, DnsServers = Array.Empty<IPEndPoint>(), Transports = new[] { TransportProtocol.Tcp }, Timeout = TimeSpan.FromSeconds(3) };

        var result = Assert.Single(await SipOptionsProbe.RunAsync(options, null, null, CancellationToken.None));

        Assert.Equal("Tcp", result.Transport);
        Assert.Equal("Literal", result.ResolvedBy);
        Assert.Equal(string.Empty, result.Resolver);
        Assert.Equal("127.0.0.2", result.RemoteAddress);
        Assert.Equal(200, result.StatusCode);
        Assert.Empty(result.Resolution);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_TLS_failure_and_sip_tls_blocked()
    {
        Assert.True(SipServerAddress.TryParse("sip:" + SipServerFiles.Domain, out var server, out _));
        var options = new SipOptionsOptions { Servers = new[] { server! }, DnsServers = new[] { _servers.Dns }, Timeout = TimeSpan.FromSeconds(5) };

        var results = await SipOptionsProbe.RunAsync(options, null, null, CancellationToken.None);

        Assert.All(results.Where(r => r.Transport == "Tls"), r => Assert.Equal(nameof(FailureReason.TlsFailure), r.FailureReason));
        Assert.All(results.Where(r => r.Transport != "Tls"), r => Assert.Equal("Succeeded", r.Status));
        Assert.Contains(SipFindings.From(results), f => f.Code == FindingCodes.SipTlsBlocked.Code);
        Assert.True(SipOptionsProbe.Passed(results));
    }

    [Fact]
    public async Task The_firewall_rule_entry_point_proves_one_port_and_transport()
    {
        var settings = new SipOptionsOptions { DnsServers = new[] { _servers.Dns }, Timeout = TimeSpan.FromSeconds(3), Servers = new[] { SipServerAddress.Create("unused.example") } };

        var open = await SipOptionsProbe.ProveRuleAsync("pbx2." + SipServerFiles.Domain, _servers.SipPort, TransportProtocol.Udp, settings, null, CancellationToken.None);
        var closed = await SipOptionsProbe.ProveRuleAsync("127.0.0.1", FreePorts.Closed(), TransportProtocol.Tcp, settings, null, CancellationToken.None);
        var missing = await SipOptionsProbe.ProveRuleAsync("nosuch.lab.test", 5060, TransportProtocol.Udp, settings, null, CancellationToken.None);

        var reachable = Assert.Single(open);
        Assert.Equal(("Succeeded", "Udp", "127.0.0.2", "A"), (reachable.Status, reachable.Transport, reachable.RemoteAddress, reachable.ResolvedBy));
        Assert.Equal(nameof(FailureReason.Refused), Assert.Single(closed).FailureReason);
        Assert.Equal((nameof(FailureReason.DnsFailure), "NameNotFound"), (Assert.Single(missing).FailureReason, missing[0].DnsFailure));
    }

    [Fact]
    public async Task Narrates_DNS_and_SIP_steps_and_reports_progress()
    {
        Assert.True(SipServerAddress.TryParse("sip:" + SipServerFiles.Domain, out var server, out _));
        var log = new CollectingLog();
        var progress = new CollectingProgress();

        await SipOptionsProbe.RunAsync(new SipOptionsOptions { Servers = new[] { server! }, DnsServers = new[] { _servers.Dns }, CertificateValidation = _servers.TrustTestCa, Timeout = TimeSpan.FromSeconds(5) }, log, progress, CancellationToken.None);

        Assert.Contains(log.Lines, l => l.StartsWith("DNS: asking " + _servers.Dns + " for NAPTR " + SipServerFiles.Domain, StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith("SIP: sent OPTIONS to ", StringComparison.Ordinal) && l.Contains("over TLS", StringComparison.Ordinal));
        Assert.True(progress.Reports.Last().Completed);
    }

    private Task<IReadOnlyList<SipOptionsResult>> RunAsync(string server, TimeSpan? timeout = null)
    {
        Assert.True(SipServerAddress.TryParse(server, out var parsed, out var error), error);
        var options = new SipOptionsOptions
        {
            Servers = new[] { parsed! },
            DnsServers = new[] { _servers.Dns },
            CertificateValidation = _servers.TrustTestCa,
            SrvRandom = new Random(7),
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
        };
        return SipOptionsProbe.RunAsync(options, new CollectingLog(), null, CancellationToken.None);
    }

    private string Describe(IEnumerable<SipOptionsResult> results) =>
        string.Join(Environment.NewLine, results.Select(r => r + ": " + r.Message)) + Environment.NewLine + _servers.Log;
}
