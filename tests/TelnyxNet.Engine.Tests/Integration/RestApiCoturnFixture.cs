using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TelnyxNet.Engine.Tests.Support;

namespace TelnyxNet.Engine.Tests.Integration;

/// <summary>
/// A coturn on 127.0.0.1 (UDP and TCP) that takes only TURN REST API credentials
/// (<c>--use-auth-secret</c>: user name "expiry:name", password base64(HMAC-SHA1(secret, user name)))
/// in realm test.local, and logs the creation and deletion of every allocation (<c>-v</c>).
/// Started and stopped by xunit for one test class; fails, saying how to install it, without turnserver.
/// </summary>
public sealed class RestApiCoturnFixture : IAsyncLifetime
{
    /// <summary>The shared secret.</summary>
    public const string Secret = "rest-api-secret-5150";

    /// <summary>The realm.</summary>
    public const string Realm = "test.local";

    private const int RelayPortCount = 16;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly Regex Created = new(@"session (\d+): new,", RegexOptions.CultureInvariant);
    private static readonly Regex Deleted = new(@"session (\d+): delete:", RegexOptions.CultureInvariant);
    private CoturnProcess? _coturn;
    private string? _directory;

    /// <summary>The STUN/TURN port (UDP and TCP) on 127.0.0.1.</summary>
    public int ListeningPort { get; private set; }

    /// <summary>What coturn logged so far.</summary>
    public string Log => _coturn?.Log ?? string.Empty;

    /// <summary>How many allocations coturn has logged as created.</summary>
    public int CreatedAllocations => Created.Matches(Log).Count;

    /// <summary>The ids of the allocations coturn logged as created and not (yet) as deleted.</summary>
    public IReadOnlyList<string> UndeletedAllocations
    {
        get
        {
            var log = Log;
            var deleted = Deleted.Matches(log).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            return Created.Matches(log).Select(m => m.Groups[1].Value).Where(id => !deleted.Contains(id)).ToList();
        }
    }

    /// <summary>Starts coturn on free ports and waits until it answers a Binding over UDP and TCP.</summary>
    public async Task InitializeAsync()
    {
        var turnserver = BoundedProcess.Find("turnserver") ?? throw new InvalidOperationException(
            "coturn's 'turnserver' is not installed (looked in PATH, /usr/bin, /usr/sbin, /usr/local/bin). The integration tests need a real coturn: apt-get install coturn");
        _directory = Directory.CreateTempSubdirectory("telnyxnet-coturn-rest-").FullName;
        var first = FreePorts.Block(1 + RelayPortCount, FreePorts.Loopback);
        ListeningPort = first;
        _coturn = CoturnProcess.Start(turnserver, new[]
        {
            "-n", "-v", "--no-cli", "--log-file=stdout", "--simple-log", "--no-tls", "--no-dtls",
            "--pidfile=" + Path.Combine(_directory, "turnserver.pid"),
            "--userdb=" + Path.Combine(_directory, "turndb.sqlite"),
            "-L", "127.0.0.1", "-E", "127.0.0.1", "--listening-port=" + ListeningPort,
            "--min-port=" + (first + 1), "--max-port=" + (first + RelayPortCount),
            "--lt-cred-mech", "--use-auth-secret", "--static-auth-secret=" + Secret, "--realm=" + Realm,
            "--allow-loopback-peers", "--fingerprint",
        });
        var server = new IPEndPoint(IPAddress.Loopback, ListeningPort);
        var failure = await _coturn.WaitUntilReadyAsync(
            new (string, Func<Task>)[]
            {
                ("UDP Binding on " + server, () => BindingAsync(ProtocolType.Udp, server)),
                ("TCP Binding on " + server, () => BindingAsync(ProtocolType.Tcp, server)),
            },
            ReadyLimit).ConfigureAwait(false);
        if (failure != null)
        {
            var log = Log;
            await DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("coturn (REST API credentials) did not become ready: " + failure + Environment.NewLine + log);
        }
    }

    /// <summary>Stops coturn and deletes its temporary directory.</summary>
    public async Task DisposeAsync()
    {
        var coturn = _coturn;
        _coturn = null;
        if (coturn != null)
        {
            await coturn.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }

        if (_directory != null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _directory = null;
    }

    private static async Task BindingAsync(ProtocolType protocol, IPEndPoint server)
    {
        using var socket = new Socket(server.AddressFamily, protocol == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream, protocol);
        await (protocol == ProtocolType.Udp ? StunChecks.UdpBindingAsync(socket, server) : StunChecks.TcpBindingAsync(socket, server)).ConfigureAwait(false);
    }
}
