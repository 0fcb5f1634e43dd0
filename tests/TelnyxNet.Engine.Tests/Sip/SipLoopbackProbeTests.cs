using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Probes;
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

    private Task<IReadOnlyList<SipOptionsResult>> RunAsync(string server, Action<List<TransportProtocol>>? transports = null, TimeSpan? timeout = null)
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
