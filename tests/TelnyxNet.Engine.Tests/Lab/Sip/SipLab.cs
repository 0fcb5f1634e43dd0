using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Sip;

namespace TelnyxNet.Engine.Tests.Lab.Sip;

/// <summary>
/// A network lab for SIP: kamailio on both server addresses (203.0.113.10 and .11; UDP and TCP 5060,
/// TLS 5061, a certificate for sip.lab.test from a test CA), dnsmasq on 203.0.113.10:53 serving
/// lab.test (<see cref="SipServerFiles.DnsmasqConfig"/>: NAPTR and SRV of sip.lab.test lead to both
/// addresses), a resolver in the server namespace that answers SERVFAIL (dnsmasq's upstream for
/// fail.lab.test), the client namespace's resolv.conf naming the lab's resolvers, and optionally
/// the kernel's rewriting SIP ALG in the NAT namespace (<see cref="SipAlg"/>).
/// </summary>
internal sealed class SipLab : IAsyncDisposable
{
    /// <summary>The address a resolver listens on in the lab: the primary server address.</summary>
    public static readonly IPAddress DnsAddress = IPAddress.Parse(NetworkLab.ServerAddress);

    /// <summary>An address in the server namespace where no resolver answers (the NAT drops DNS to it).</summary>
    public static readonly IPAddress SilentDnsAddress = IPAddress.Parse(NetworkLab.AlternateServerAddress);

    private const int ServFailPort = 5399;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CliLimit = TimeSpan.FromSeconds(40);
    private readonly TestCertificates _certificates;
    private ScriptedDnsServer? _servFail;
    private LabResolvConf? _resolvConf;

    private SipLab(NetworkLab lab, TestCertificates certificates)
    {
        Lab = lab;
        _certificates = certificates;
        CaFile = Path.Combine(lab.Directory, "ca.pem");
    }

    public NetworkLab Lab { get; }

    /// <summary>The test CA's certificate as a PEM file, for the CLI's SSL_CERT_FILE.</summary>
    public string CaFile { get; }

    /// <summary>
    /// Builds the lab with <paramref name="scenario"/>, the SIP ALG when <paramref name="alg"/>, and
    /// <paramref name="resolvers"/> (default: the lab's dnsmasq) in the client's resolv.conf; a resolver
    /// at <see cref="SilentDnsAddress"/> is made silent by the NAT.
    /// </summary>
    public static async Task<SipLab> StartAsync(Scenario scenario, bool alg = false, IReadOnlyList<IPAddress>? resolvers = null)
    {
        foreach (var (tool, package) in new[] { ("kamailio", "kamailio kamailio-tls-modules"), ("dnsmasq", "dnsmasq") })
        {
            if (BoundedProcess.Find(tool) is null)
            {
                throw new InvalidOperationException("The SIP lab needs " + tool + " (apt-get install " + package + ").");
            }
        }

        var lab = await NetworkLab.StartAsync();
        var sip = new SipLab(lab, TestCertificates.Create(dnsNames: new[] { SipServerFiles.Domain, "pbx1." + SipServerFiles.Domain, "pbx2." + SipServerFiles.Domain }));
        try
        {
            await sip.StartServersAsync();
            await lab.ApplyAsync(scenario);
            if (alg)
            {
                await lab.EnableSipAlgAsync();
            }

            var named = resolvers ?? new[] { DnsAddress };
            if (named.Contains(SilentDnsAddress))
            {
                foreach (var protocol in new[] { "udp", "tcp" })
                {
                    await lab.NatIptablesAsync("-A", "FORWARD", "-d", SilentDnsAddress.ToString(), "-p", protocol, "--dport", "53", "-j", "DROP");
                }
            }

            sip._resolvConf = LabResolvConf.Write(lab.Client, named);
            return sip;
        }
        catch
        {
            await sip.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for the engine's probe run in this process, with its sockets in the client namespace and the test CA trusted.</summary>
    public SipOptionsOptions Options(string server, TimeSpan timeout, params IPAddress[] resolvers) => Options(server, timeout, null, resolvers);

    /// <summary>As <see cref="Options(string, TimeSpan, IPAddress[])"/>, with the lab's coturn (<see cref="NetworkLab.StartCoturnAsync"/>) as the ALG check's STUN server.</summary>
    public SipOptionsOptions OptionsWithStun(string server, TimeSpan timeout) =>
        Options(server, timeout, Engine.Stun.StunServerAddress.Create(NetworkLab.ServerAddress, NetworkLab.StunPort, Engine.Transport.TransportProtocol.Udp));

    private SipOptionsOptions Options(string server, TimeSpan timeout, Engine.Stun.StunServerAddress? stun, params IPAddress[] resolvers)
    {
        Assert.True(SipServerAddress.TryParse(server, out var parsed, out var error), error);
        return new SipOptionsOptions
        {
            StunServer = stun,
            OpenBoundDatagramSocket = Lab.OpenClientBoundSocket,
            Servers = new[] { parsed! },
            DnsServers = (resolvers.Length == 0 ? new[] { DnsAddress } : resolvers).Select(r => new IPEndPoint(r, 53)).ToList(),
            OpenDatagramSocket = Lab.OpenClientDatagramSocket,
            OpenStreamSocket = family => Lab.Client.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp),
            CertificateValidation = _certificates.TrustTestCa,
            SrvRandom = new Random(11),
            Timeout = timeout,
        };
    }

    /// <summary>Runs <c>telnyxnet sip <paramref name="arguments"/> --json</c> as a process in the client namespace (trusting the test CA) and parses its output.</summary>
    public async Task<SipCliRun> CliAsync(params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var run = await BoundedProcess.RunAsync(
            "ip",
            new[] { "netns", "exec", Lab.Client.Name, await TelnyxCli.PathAsync(), "sip" }.Concat(arguments).Append("--json"),
            CliLimit,
            new Dictionary<string, string?> { ["SSL_CERT_FILE"] = CaFile });
        var elapsed = watch.Elapsed;
        var results = new List<JsonElement>();
        try
        {
            using var document = JsonDocument.Parse(run.StandardOutput);
            results.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
        }
        catch (JsonException ex)
        {
            Assert.Fail("telnyxnet sip " + string.Join(" ", arguments) + " printed no JSON result list (" + ex.Message + "); " + run);
        }

        return new SipCliRun(run, results, elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        _resolvConf?.Dispose();
        _servFail?.Dispose();
        await Lab.DisposeAsync();
        _certificates.Dispose();
    }

    /// <summary>kamailio in <paramref name="lab"/>'s server namespace, answering OPTIONS on UDP and TCP 5060 and TLS 5061 of <paramref name="addresses"/> with the given PEM certificate and key; stopped with the lab.</summary>
    public static async Task StartKamailioAsync(NetworkLab lab, string certificate, string key, params string[] addresses)
    {
        var tlsConfig = Path.Combine(lab.Directory, "tls.cfg");
        File.WriteAllText(tlsConfig, SipServerFiles.KamailioTlsConfig(certificate, key));
        var config = Path.Combine(lab.Directory, "kamailio.cfg");
        File.WriteAllText(config, SipServerFiles.KamailioConfig(addresses, SipServerAddress.DefaultPort, SipServerAddress.DefaultTlsPort, tlsConfig));
        var run = Directory.CreateDirectory(Path.Combine(lab.Directory, "kamailio-run")).FullName;
        await lab.StartServerAsync(
            BoundedProcess.Find("kamailio")!,
            new[] { "-DD", "-E", "-f", config, "-P", Path.Combine(run, "kamailio.pid"), "-Y", run, "-m", "32", "-M", "8" },
            addresses.SelectMany(a => new[] { SipServerAddress.DefaultPort, SipServerAddress.DefaultTlsPort }.Select(p => LabChecks.TcpAccepts(lab.Server, new IPEndPoint(IPAddress.Parse(a), p)))),
            ReadyLimit);
    }

    private async Task StartServersAsync()
    {
        var directory = Lab.Directory;
        var certificate = Path.Combine(directory, "server.crt");
        var key = Path.Combine(directory, "server.key");
        _certificates.WriteServerPem(certificate, key);
        File.WriteAllText(CaFile, _certificates.Authority.ExportCertificatePem() + "\n");
        await StartKamailioAsync(Lab, certificate, key, NetworkLab.ServerAddress, NetworkLab.AlternateServerAddress);

        var servFailSocket = Lab.Server.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        servFailSocket.Bind(new IPEndPoint(DnsAddress, ServFailPort));
        _servFail = new ScriptedDnsServer(servFailSocket, query => new[] { ScriptedDnsServer.Answer(query, rcode: 2) });
        var dnsConfig = Path.Combine(directory, "dnsmasq.conf");
        File.WriteAllText(dnsConfig, SipServerFiles.DnsmasqConfig(NetworkLab.ServerAddress, 53, NetworkLab.ServerAddress, NetworkLab.AlternateServerAddress, SipServerAddress.DefaultPort, SipServerAddress.DefaultTlsPort, NetworkLab.ServerAddress + "#" + ServFailPort));
        await Lab.StartServerAsync(BoundedProcess.Find("dnsmasq")!, new[] { "--conf-file=" + dnsConfig }, new[] { LabChecks.TcpAccepts(Lab.Server, new IPEndPoint(DnsAddress, 53)) }, ReadyLimit);
    }
}

/// <summary>One run of <c>telnyxnet sip … --json</c> in the lab: the process, its results (camelCase JSON) and how long it took.</summary>
internal sealed record SipCliRun(CliRun Process, IReadOnlyList<JsonElement> Results, TimeSpan Elapsed)
{
    public IEnumerable<JsonElement> Over(string transport) => Results.Where(r => r.GetProperty("transport").GetString() == transport);

    public override string ToString() => "took " + Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s, " + Process;
}
