using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Tests.Lab.Sip;
using TelnyxNet.Engine.Tests.Readiness;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// The lab of the readiness check: coturn (STUN and TURN on .10 and .11, TCP 443 of .10 to its
/// 3478), a TLS coturn on .13:443 and Kestrel WSS on .12:443 with lab CA certificates, kamailio on
/// .10 when asked, and a catalog file whose every row points at them (by address, or by lab names
/// for the DNS scenario). The check runs in this process with every socket and the interface list
/// in the client namespace, or as the telnyxnet process in it.
/// </summary>
internal sealed class ConnectivityLab : IAsyncDisposable
{
    /// <summary>Names the DNS scenario's catalog uses: no resolver in the lab answers for them.</summary>
    public const string SignalingName = "rtc.lab.test";

    public const string StunName = "stun.lab.test";

    public const string TurnName = "turn.lab.test";

    public const string AlternateStunName = "stun2.lab.test";

    public const string TurnTlsName = "turns.lab.test";

    private static readonly TimeSpan CliLimit = TimeSpan.FromSeconds(90);
    private readonly TestCertificates? _sipPki;

    private ConnectivityLab(SignalingLabServers servers, TestCertificates? sipPki, string catalogFile)
    {
        Servers = servers;
        _sipPki = sipPki;
        CatalogFile = catalogFile;
    }

    public SignalingLabServers Servers { get; }

    public NetworkLab Lab => Servers.Lab;

    /// <summary>The catalog file the check reads (the shape Get-TelnyxEndpoint | ConvertTo-Json writes).</summary>
    public string CatalogFile { get; }

    /// <summary>The lab with <paramref name="scenario"/>; kamailio and the SIP rows when <paramref name="sip"/>; every row by lab name instead of address when <paramref name="byName"/>.</summary>
    public static async Task<ConnectivityLab> StartAsync(Scenario scenario, bool sip = false, bool byName = false)
    {
        var servers = await SignalingLabServers.StartAsync(scenario, coturn: true);
        TestCertificates? sipPki = null;
        try
        {
            var directory = servers.Lab.Directory;
            servers.Pki.WriteServerPem(Path.Combine(directory, "turn-tls-cert.pem"), Path.Combine(directory, "turn-tls-key.pem"));
            await servers.Lab.StartTlsCoturnAsync(Path.Combine(directory, "turn-tls-cert.pem"), Path.Combine(directory, "turn-tls-key.pem"));
            if (sip)
            {
                sipPki = TestCertificates.Create("CN=TelnyxNet Lab SIP CA, O=TelnyxNet lab", new[] { IPAddress.Parse(NetworkLab.ServerAddress) });
                sipPki.WriteServerPem(Path.Combine(directory, "sip-cert.pem"), Path.Combine(directory, "sip-key.pem"));
                await SipLab.StartKamailioAsync(servers.Lab, Path.Combine(directory, "sip-cert.pem"), Path.Combine(directory, "sip-key.pem"), NetworkLab.ServerAddress);
            }

            var catalog = Path.Combine(directory, "lab-catalog.json");
            File.WriteAllText(catalog, TestCatalog.Json(Rows(sip, byName)));
            return new ConnectivityLab(servers, sipPki, catalog);
        }
        catch
        {
            sipPki?.Dispose();
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>The check in this process, every socket and the interface list in the client namespace, the lab CA trusted as a public one.</summary>
    public Task<TelnyxReadinessReport> RunAsync(TimeSpan timeout, Engine.Dns.IHostResolver? resolver = null) =>
        ConnectivityCheck.RunAsync(
            new ConnectivityOptions
            {
                Targets = ConnectivityTargets.FromCatalog(EndpointCatalog.Load(CatalogFile)),
                Timeout = timeout,
                Resolver = resolver ?? Engine.Dns.SystemHostResolver.Instance,
                Credential = TurnCredential.FromPassword(NetworkLab.TurnUsername, Secrets.Secure(NetworkLab.TurnPassword)),
                NoProxy = true,
                Trust = Servers.PublicLabCa,
                CertificateValidation = TrustLabCas,
                DnsServers = Array.Empty<IPEndPoint>(),
                Interfaces = new ClientNamespaceInterfaces(Lab),
                OpenDatagramSocket = Lab.OpenClientDatagramSocket,
                OpenStreamSocket = Lab.OpenClientStreamSocket,
                OpenBoundDatagramSocket = Lab.OpenClientBoundSocket,
                OpenPeerSocket = family => UnconnectedUdpSocket.Bind(Lab.Client.OpenSocket(family, SocketType.Dgram, ProtocolType.Udp)),
            },
            null,
            null,
            CancellationToken.None);

    /// <summary>
    /// <c>telnyxnet check --catalog … --json</c> as a process in the client namespace (the lab's
    /// TURN user, no proxy, certificates not checked: the lab CA is no public root): the report, the
    /// summary line it wrote last on standard error, and how long it took.
    /// </summary>
    public async Task<CheckCliRun> CliAsync(params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var run = await BoundedProcess.RunAsync(
            "ip",
            new[] { "netns", "exec", Lab.Client.Name, await TelnyxCli.PathAsync(), "check", "--catalog", CatalogFile, "--username", NetworkLab.TurnUsername, "--no-proxy", "--skip-certificate-check", "--json" }.Concat(arguments),
            CliLimit,
            new Dictionary<string, string?> { ["TELNYXNET_TURN_PASSWORD"] = NetworkLab.TurnPassword });
        var elapsed = watch.Elapsed;
        JsonElement report;
        try
        {
            using var document = JsonDocument.Parse(run.StandardOutput);
            report = document.RootElement.EnumerateArray().Single().Clone();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException("telnyxnet check printed no report (" + ex.Message + "); " + run);
        }

        return new CheckCliRun(run, report, run.StandardError.TrimEnd('\n').Split('\n')[^1], elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Servers.DisposeAsync();
        }
        finally
        {
            _sipPki?.Dispose();
        }
    }

    private static string[] Rows(bool sip, bool byName)
    {
        var rows = new List<string>
        {
            TestCatalog.Row("Signaling", byName ? SignalingName : SignalingLab.WssAddress, SignalingLab.TlsPort, "Wss"),
            TestCatalog.Row("Stun", byName ? StunName : NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
            TestCatalog.Row("Stun", byName ? AlternateStunName : NetworkLab.AlternateServerAddress, NetworkLab.StunPort, "Udp", required: false),
            TestCatalog.Row("Turn", byName ? TurnName : NetworkLab.ServerAddress, NetworkLab.StunPort, "Udp"),
            TestCatalog.Row("Turn", byName ? TurnName : NetworkLab.ServerAddress, NetworkLab.WebPort, "Tcp"),
            TestCatalog.Row("Turn", byName ? TurnTlsName : SignalingLab.TurnTlsAddress, SignalingLab.TlsPort, "Tls", required: false),
            TestCatalog.MediaRow,
        };
        if (sip)
        {
            rows.Add(TestCatalog.Row("Sip", NetworkLab.ServerAddress, 5060, "Udp", required: false));
            rows.Add(TestCatalog.Row("Sip", NetworkLab.ServerAddress, 5060, "Tcp", required: false));
            rows.Add(TestCatalog.Row("Sip", NetworkLab.ServerAddress, 5061, "Tls", required: false));
        }

        return rows.ToArray();
    }

    /// <summary>TURN over TLS (the lab CA) and SIP over TLS (the SIP CA).</summary>
    private bool TrustLabCas(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        Servers.Pki.TrustTestCa(sender, certificate, chain, errors) || (_sipPki?.TrustTestCa(sender, certificate, chain, errors) ?? false);
}

/// <summary>One run of <c>telnyxnet check --json</c> in the lab.</summary>
internal sealed record CheckCliRun(CliRun Process, JsonElement Report, string SummaryLine, TimeSpan Elapsed)
{
    public string Verdict => Report.GetProperty("verdict").GetString()!;

    public IEnumerable<string> ReasonCodes => Report.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!);

    public override string ToString() => "took " + Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s: " + SummaryLine + Environment.NewLine + Process;
}
