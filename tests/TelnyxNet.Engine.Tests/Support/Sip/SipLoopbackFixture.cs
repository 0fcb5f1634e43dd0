using System.Net;
using System.Net.Security;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Support.Sip;

/// <summary>
/// A real SIP server and a real DNS server on loopback for a test collection: kamailio answering
/// OPTIONS over UDP, TCP and TLS on 127.0.0.1 and 127.0.0.2 (ports of its own, found free), and
/// dnsmasq serving lab.test (<see cref="SipServerFiles.DnsmasqConfig"/>) whose NAPTR and SRV
/// records lead to them, with a SERVFAIL upstream for fail.lab.test. Never skipped: when kamailio
/// or dnsmasq is missing the tests fail and say what to install.
/// </summary>
public sealed class SipLoopbackFixture : IAsyncLifetime
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private static readonly IReadOnlyList<IPAddress> Addresses = new[] { IPAddress.Loopback, IPAddress.Parse("127.0.0.2") };
    private TestCertificates? _certificates;
    private ServerProcess? _kamailio;
    private ServerProcess? _dnsmasq;
    private ScriptedDnsServer? _servfail;
    private string? _directory;

    /// <summary>kamailio's UDP and TCP port on both addresses.</summary>
    public int SipPort { get; private set; }

    /// <summary>kamailio's TLS port on both addresses.</summary>
    public int TlsPort { get; private set; }

    /// <summary>dnsmasq on 127.0.0.1, UDP and TCP.</summary>
    public IPEndPoint Dns { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The resolver that answers SERVFAIL to everything (dnsmasq's upstream for fail.lab.test).</summary>
    public IPEndPoint ServFail => _servfail!.EndPoint;

    /// <summary>A certificate check that trusts only the test CA (and checks the name: localhost, 127.0.0.1, sip.lab.test).</summary>
    public RemoteCertificateValidationCallback TrustTestCa => _certificates!.TrustTestCa;

    /// <summary>What kamailio and dnsmasq printed.</summary>
    public string Log => "kamailio:" + Environment.NewLine + _kamailio?.Log + Environment.NewLine + "dnsmasq:" + Environment.NewLine + _dnsmasq?.Log;

    public async Task InitializeAsync()
    {
        var kamailio = BoundedProcess.Find("kamailio") ?? throw new InvalidOperationException("kamailio is not installed: the SIP tests need a real SIP server (apt-get install kamailio kamailio-tls-modules).");
        var dnsmasq = BoundedProcess.Find("dnsmasq") ?? throw new InvalidOperationException("dnsmasq is not installed: the DNS tests need a real DNS server (apt-get install dnsmasq).");
        try
        {
            _directory = ServerLedger.CreateOwnedDirectory("sip");
            _certificates = TestCertificates.Create(dnsNames: new[] { SipServerFiles.Domain, "pbx1." + SipServerFiles.Domain, "pbx2." + SipServerFiles.Domain });
            var certificate = Path.Combine(_directory, "server.crt");
            var key = Path.Combine(_directory, "server.key");
            _certificates.WriteServerPem(certificate, key);
            SipPort = FreePorts.Block(2, Addresses);
            TlsPort = SipPort + 1;
            var tlsConfig = Path.Combine(_directory, "tls.cfg");
            File.WriteAllText(tlsConfig, SipServerFiles.KamailioTlsConfig(certificate, key));
            var config = Path.Combine(_directory, "kamailio.cfg");
            File.WriteAllText(config, SipServerFiles.KamailioConfig(Addresses.Select(a => a.ToString()), SipPort, TlsPort, tlsConfig));
            var run = Directory.CreateDirectory(Path.Combine(_directory, "run")).FullName;
            _kamailio = ServerProcess.Start(kamailio, new[] { "-DD", "-E", "-f", config, "-P", Path.Combine(run, "kamailio.pid"), "-Y", run, "-m", "32", "-M", "8" });
            await Ready(_kamailio, Addresses.SelectMany(a => new[] { new IPEndPoint(a, SipPort), new IPEndPoint(a, TlsPort) }));

            _servfail = new ScriptedDnsServer(query => new[] { ScriptedDnsServer.Answer(query, rcode: 2) });
            Dns = new IPEndPoint(IPAddress.Loopback, FreePorts.Block(1, FreePorts.Loopback));
            var dnsConfig = Path.Combine(_directory, "dnsmasq.conf");
            File.WriteAllText(dnsConfig, SipServerFiles.DnsmasqConfig("127.0.0.1", Dns.Port, "127.0.0.1", "127.0.0.2", SipPort, TlsPort, "127.0.0.1#" + ServFail.Port));
            _dnsmasq = ServerProcess.Start(dnsmasq, new[] { "--conf-file=" + dnsConfig });
            await Ready(_dnsmasq, new[] { Dns });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _dnsmasq, _kamailio })
        {
            if (server is not null)
            {
                await server.StopAsync(StopLimit);
            }
        }

        _dnsmasq = _kamailio = null;
        _servfail?.Dispose();
        _servfail = null;
        _certificates?.Dispose();
        _certificates = null;
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _directory = null;
    }

    private static async Task Ready(ServerProcess server, IEnumerable<IPEndPoint> listeners)
    {
        var failure = await server.WaitUntilReadyAsync(listeners.Select(l => ("a TCP connection to " + l, (Func<Task>)(() => ListenerChecks.TcpConnectAsync(l)))), ReadyLimit);
        if (failure is not null)
        {
            throw new InvalidOperationException("A test server is not ready: " + failure + Environment.NewLine + server.Log);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SipLoopbackCollection : ICollectionFixture<SipLoopbackFixture>
{
    public const string Name = "kamailio and dnsmasq on loopback";
}
