using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// One real coturn (STUN/TURN, RFC 8489 / RFC 8656) on loopback for a test collection: listening
/// on 127.0.0.1 and 127.0.0.2 (so that it supports RFC 5780 and sends OTHER-ADDRESS) and on ::1,
/// over UDP, TCP and TLS with a certificate from a throw-away test CA, long-term credentials
/// alice / secret123 in realm test.local. Started and torn down by xunit; never skipped: when
/// turnserver is missing the tests fail and say how to install it.
/// </summary>
public sealed class CoturnFixture : IAsyncLifetime
{
    /// <summary>The long-term credential user name.</summary>
    public const string Username = "alice";

    /// <summary>The long-term credential password.</summary>
    public const string Password = "secret123";

    /// <summary>The realm.</summary>
    public const string Realm = "test.local";

    private const int RelayPortCount = 48;
    private const int StartAttempts = 3;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TermLimit = TimeSpan.FromSeconds(3);
    private static readonly IReadOnlyList<IPAddress> ListeningAddresses = new[] { IPAddress.Loopback, IPAddress.Parse("127.0.0.2"), IPAddress.IPv6Loopback };

    private TestCertificates? _certificates;
    private CoturnProcess? _coturn;
    private string? _lastLog;
    private string? _directory;

    /// <summary>The STUN/TURN port (UDP and TCP) on 127.0.0.1, 127.0.0.2 and ::1.</summary>
    public int ListeningPort { get; private set; }

    /// <summary>The RFC 5780 alternate port, as named in OTHER-ADDRESS.</summary>
    public int AltListeningPort { get; private set; }

    /// <summary>The TLS (and DTLS) port.</summary>
    public int TlsPort { get; private set; }

    /// <summary>The alternate TLS port (set explicitly so that coturn binds no port we did not check).</summary>
    public int AltTlsPort { get; private set; }

    /// <summary>The lowest relay port.</summary>
    public int MinRelayPort { get; private set; }

    /// <summary>The highest relay port.</summary>
    public int MaxRelayPort { get; private set; }

    /// <summary>The CA that signed coturn's certificate.</summary>
    public X509Certificate2 CaCertificate => Certificates.Authority;

    /// <summary>A certificate check that trusts only the test CA (and checks the name).</summary>
    public RemoteCertificateValidationCallback TrustTestCa => Certificates.TrustTestCa;

    /// <summary>What coturn logged so far (the last attempt's log once it is stopped).</summary>
    public string Log => _coturn?.Log ?? _lastLog ?? string.Empty;

    private TestCertificates Certificates => _certificates ?? throw new InvalidOperationException("The coturn fixture is not initialized.");

    /// <summary>Writes certificates, starts coturn and waits until it answers.</summary>
    public async Task InitializeAsync()
    {
        var turnserver = BoundedProcess.Find("turnserver") ?? throw new InvalidOperationException(
            "coturn's 'turnserver' is not installed (looked in PATH, /usr/bin, /usr/sbin, /usr/local/bin). The integration tests need a real coturn: apt-get install coturn");
        try
        {
            _directory = ServerLedger.CreateOwnedDirectory("coturn");
            _certificates = TestCertificates.Create();
            _certificates.WriteServerPem(Path.Combine(_directory, "cert.pem"), Path.Combine(_directory, "key.pem"));
            var failures = new StringBuilder();
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                var failure = await TryStartAsync(turnserver).ConfigureAwait(false);
                if (failure is null)
                {
                    return;
                }

                failures.Append("Attempt ").Append(attempt).Append(" (ports ").Append(ListeningPort).Append('-').Append(MaxRelayPort).Append("): ").AppendLine(failure);
                await StopAsync().ConfigureAwait(false);
            }

            throw new InvalidOperationException("coturn did not become ready in " + StartAttempts + " attempts (new free ports each time)." + Environment.NewLine + failures + "coturn's log of the last attempt:" + Environment.NewLine + Log);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops coturn (SIGTERM, then kill after 3 s) and deletes the temporary directory.</summary>
    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _certificates?.Dispose();
        _certificates = null;
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _directory = null;
    }

    private async Task<string?> TryStartAsync(string turnserver)
    {
        var first = FreePorts.Block(4 + RelayPortCount, ListeningAddresses);
        ListeningPort = first;
        AltListeningPort = first + 1;
        TlsPort = first + 2;
        AltTlsPort = first + 3;
        MinRelayPort = first + 4;
        MaxRelayPort = first + 3 + RelayPortCount;
        var directory = _directory!;
        _coturn = CoturnProcess.Start(turnserver, new[]
        {
            "-n", "--no-cli", "--log-file=stdout", "--simple-log",
            "--pidfile=" + Path.Combine(directory, "turnserver.pid"),
            "--userdb=" + Path.Combine(directory, "turndb.sqlite"),
            "-L", "127.0.0.1", "-L", "127.0.0.2", "-L", "::1", "-E", "127.0.0.1",
            "--listening-port=" + ListeningPort, "--alt-listening-port=" + AltListeningPort,
            "--tls-listening-port=" + TlsPort, "--alt-tls-listening-port=" + AltTlsPort,
            "--min-port=" + MinRelayPort, "--max-port=" + MaxRelayPort,
            "--lt-cred-mech", "--user=" + Username + ":" + Password, "--realm=" + Realm,
            "--cert=" + Path.Combine(directory, "cert.pem"), "--pkey=" + Path.Combine(directory, "key.pem"),
            "--allow-loopback-peers", "--fingerprint",
        });

        // Ready once coturn answers a Binding over UDP and TCP (IPv4 and IPv6) and its TLS port accepts TCP.
        return await _coturn.WaitUntilReadyAsync(
            new (string, Func<Task>)[]
            {
                ("UDP Binding on 127.0.0.1:" + ListeningPort, () => ListenerChecks.BindingAsync(ProtocolType.Udp, new IPEndPoint(IPAddress.Loopback, ListeningPort))),
                ("UDP Binding on [::1]:" + ListeningPort, () => ListenerChecks.BindingAsync(ProtocolType.Udp, new IPEndPoint(IPAddress.IPv6Loopback, ListeningPort))),
                ("TCP Binding on 127.0.0.1:" + ListeningPort, () => ListenerChecks.BindingAsync(ProtocolType.Tcp, new IPEndPoint(IPAddress.Loopback, ListeningPort))),
                ("TCP Binding on [::1]:" + ListeningPort, () => ListenerChecks.BindingAsync(ProtocolType.Tcp, new IPEndPoint(IPAddress.IPv6Loopback, ListeningPort))),
                ("TCP connect to the TLS port 127.0.0.1:" + TlsPort, () => ListenerChecks.TcpConnectAsync(new IPEndPoint(IPAddress.Loopback, TlsPort))),
            },
            ReadyLimit).ConfigureAwait(false);
    }

    private async Task StopAsync()
    {
        var coturn = _coturn;
        _coturn = null;
        if (coturn is not null)
        {
            _lastLog = coturn.Log;
            await coturn.StopAsync(TermLimit).ConfigureAwait(false);
        }
    }
}
