using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// One coturn run as a TURN server on loopback as <see cref="CoturnTurnOptions"/> say: UDP and TCP
/// (and TLS) on 127.0.0.1 and ::1, relaying on the same addresses from a port range of its own,
/// with the admin CLI on 127.0.0.1 as the allocation oracle (<see cref="Admin"/>). Started with
/// <see cref="StartAsync"/> once it answers on every listener; <see cref="DisposeAsync"/> stops
/// it (SIGTERM, then a kill) and deletes its temporary directory, also when starting failed.
/// </summary>
public sealed class CoturnTurnServer : IAsyncDisposable
{
    /// <summary>The admin CLI password.</summary>
    public const string CliPassword = "oracle";

    private const int ControlPorts = 5;

    private readonly string _directory;
    private readonly TestCertificates? _certificates;
    private readonly RetriedServerProcess _process = new();

    private CoturnTurnServer(CoturnTurnOptions options, string directory, TestCertificates? certificates)
    {
        Options = options;
        _directory = directory;
        _certificates = certificates;
    }

    /// <summary>How it was started.</summary>
    public CoturnTurnOptions Options { get; }

    /// <summary>The realm.</summary>
    public string Realm => Options.Realm;

    /// <summary>The TURN port, UDP and TCP, on 127.0.0.1 (and ::1).</summary>
    public int Port { get; private set; }

    /// <summary>The TLS port (when <see cref="CoturnTurnOptions.Tls"/> is not None).</summary>
    public int TlsPort { get; private set; }

    /// <summary>The admin CLI port on 127.0.0.1.</summary>
    public int CliPort { get; private set; }

    /// <summary>The relay port range (<c>--min-port</c>, <c>--max-port</c>).</summary>
    public RelayPortRange RelayPorts { get; private set; } = new(0, 0);

    /// <summary>UDP/TCP on 127.0.0.1.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>UDP/TCP on ::1 (when <see cref="CoturnTurnOptions.IPv6"/>).</summary>
    public IPEndPoint IPv6EndPoint => new(IPAddress.IPv6Loopback, Port);

    /// <summary>TLS on 127.0.0.1.</summary>
    public IPEndPoint TlsEndPoint => new(IPAddress.Loopback, TlsPort);

    /// <summary>The allocation oracle.</summary>
    public CoturnAdmin Admin => new(new IPEndPoint(IPAddress.Loopback, CliPort), CliPassword);

    /// <summary>A certificate check that trusts only the test CA (TestCa mode; with any other mode it refuses everything).</summary>
    public RemoteCertificateValidationCallback TrustTestCa => (sender, certificate, chain, errors) =>
        _certificates is not null && _certificates.TrustTestCa(sender, certificate, chain, errors);

    /// <summary>The test CA that signed the TLS certificate (TestCa mode), else null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TestCa => _certificates?.Authority;

    /// <summary>What coturn logged so far (the last run's log once stopped).</summary>
    public string Log => _process.Log;

    /// <summary>
    /// Starts coturn and waits until it answers a Binding on each UDP and TCP listener, accepts
    /// TCP on the TLS port and its CLI answers; new free ports on each of three attempts.
    /// </summary>
    public static async Task<CoturnTurnServer> StartAsync(CoturnTurnOptions options)
    {
        var turnserver = BoundedProcess.Find("turnserver") ?? throw new InvalidOperationException(
            "coturn's 'turnserver' is not installed (looked in PATH, /usr/bin, /usr/sbin, /usr/local/bin). The TURN tests need a real coturn: apt-get install coturn");
        var certificates = options.Tls == TurnTlsCertificate.TestCa ? TestCertificates.Create(options.TestCaName) : null;
        var server = new CoturnTurnServer(options, ServerLedger.CreateOwnedDirectory("turn"), certificates);
        try
        {
            server.WriteCertificate();
            await server._process.StartAsync(turnserver, server.NextAttempt).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops coturn and deletes its temporary directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync().ConfigureAwait(false);
        _certificates?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IReadOnlyList<IPAddress> Addresses => Options.IPv6 ? new[] { IPAddress.Loopback, IPAddress.IPv6Loopback } : new[] { IPAddress.Loopback };

    private string CertificatePath => Path.Combine(_directory, "cert.pem");

    private string KeyPath => Path.Combine(_directory, "key.pem");

    private void WriteCertificate()
    {
        switch (Options.Tls)
        {
            case TurnTlsCertificate.TestCa:
                _certificates!.WriteServerPem(CertificatePath, KeyPath);
                break;
            case TurnTlsCertificate.SelfSigned:
                SelfSignedServerCertificate.WritePem(CertificatePath, KeyPath);
                break;
        }
    }

    /// <summary>Picks a block of free ports (TURN, its RFC 5780 alternate, TLS, its alternate, CLI, then the relays) and says how to run coturn on it.</summary>
    private StartAttempt NextAttempt()
    {
        var first = FreePorts.Block(ControlPorts + Options.RelayPortCount, Addresses);
        Port = first;
        TlsPort = first + 2;
        CliPort = first + 4;
        RelayPorts = new RelayPortRange(first + ControlPorts, first + ControlPorts + Options.RelayPortCount - 1);
        return new StartAttempt(Arguments(first), ReadyChecks(), Port + "-" + RelayPorts.Max);
    }

    private List<string> Arguments(int first)
    {
        var arguments = new List<string>
        {
            "-n", "--log-file=stdout", "--simple-log",
            "--pidfile=" + Path.Combine(_directory, "turnserver.pid"),
            "--userdb=" + Path.Combine(_directory, "turndb.sqlite"),
            "--listening-port=" + Port, "--alt-listening-port=" + (first + 1),
            "--tls-listening-port=" + TlsPort, "--alt-tls-listening-port=" + (first + 3),
            "--min-port=" + RelayPorts.Min, "--max-port=" + RelayPorts.Max,
            "--realm=" + Options.Realm, "--allow-loopback-peers",
            "--cli-ip=127.0.0.1", "--cli-port=" + CliPort, "--cli-password=" + CliPassword, "--cli-max-output-sessions=1000",
        };
        foreach (var address in Addresses)
        {
            arguments.AddRange(new[] { "-L", address.ToString(), "-E", address.ToString() });
        }

        if (Options.AuthSecret is not null)
        {
            arguments.AddRange(new[] { "--use-auth-secret", "--static-auth-secret=" + Options.AuthSecret });
        }
        else
        {
            arguments.Add("--lt-cred-mech");
            arguments.AddRange(Options.Users.Select(user => "--user=" + user.Name + ":" + user.Password));
        }

        if (Options.StaleNonceSeconds is { } stale)
        {
            arguments.Add("--stale-nonce=" + stale.ToString(CultureInfo.InvariantCulture));
        }

        if (Options.UserQuota is { } quota)
        {
            arguments.Add("--user-quota=" + quota.ToString(CultureInfo.InvariantCulture));
        }

        arguments.AddRange(Options.AlternateServers.Select(alternate => "--alternate-server=" + alternate));
        arguments.AddRange(Options.Tls == TurnTlsCertificate.None
            ? new[] { "--no-tls", "--no-dtls" }
            : new[] { "--cert=" + CertificatePath, "--pkey=" + KeyPath });
        arguments.AddRange(Options.ExtraArguments);
        return arguments;
    }

    private List<(string What, Func<Task> Check)> ReadyChecks()
    {
        var checks = new List<(string What, Func<Task> Check)>();
        foreach (var address in Addresses)
        {
            var endPoint = new IPEndPoint(address, Port);
            checks.Add(("UDP Binding on " + endPoint, () => ListenerChecks.BindingAsync(ProtocolType.Udp, endPoint)));
            checks.Add(("TCP Binding on " + endPoint, () => ListenerChecks.BindingAsync(ProtocolType.Tcp, endPoint)));
        }

        if (Options.Tls != TurnTlsCertificate.None)
        {
            var tls = TlsEndPoint;
            checks.Add(("TCP connect to the TLS port " + tls, () => ListenerChecks.TcpConnectAsync(tls)));
        }

        checks.Add(("the admin CLI on 127.0.0.1:" + CliPort, CliAnswersAsync));
        checks.Add(("the CLI port 127.0.0.1:" + CliPort + " held by this coturn alone", CliPortIsOursAloneAsync));
        return checks;
    }

    private async Task CliAnswersAsync()
    {
        try
        {
            await Admin.AllocationCountAsync().ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    /// <summary>
    /// coturn binds with SO_REUSEPORT, so a second coturn started on the same ports would share
    /// them silently and the oracle would ask either at random: require exactly one listener on
    /// the CLI port (from /proc/net/tcp: 127.0.0.1 is 0100007F, LISTEN is state 0A).
    /// </summary>
    private Task CliPortIsOursAloneAsync()
    {
        var local = "0100007F:" + CliPort.ToString("X4", CultureInfo.InvariantCulture);
        var listeners = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(columns => columns.Length > 3 && columns[1] == local && columns[3] == "0A");
        return listeners == 1 ? Task.CompletedTask : throw new InvalidDataException(listeners + " listeners on the CLI port: another coturn shares these ports.");
    }
}
