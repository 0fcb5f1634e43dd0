using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Lab;

/// <summary>
/// One network lab (tests/lab/netlab.sh): a client namespace (10.0.0.2) behind a NAT namespace
/// (10.0.0.1 | 203.0.113.1) and a server namespace (203.0.113.10 and .11, TEST-NET-3, with no
/// route back to the client's LAN). Every lab has names of its own (<c>tnl&lt;pid&gt;-&lt;start
/// time&gt;-&lt;n&gt;</c>), so labs run side by side; the first lab of a process removes the labs of
/// dead processes (<c>netlab.sh sweep</c>). Dispose removes everything the lab started: its
/// servers, relay, namespaces and temporary directory, also when a test failed; labs still alive
/// at process exit are removed then. Nothing is ever connected to a real interface, and no
/// command runs in the machine's own namespace. Linux, as root, with iproute2 and iptables.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    /// <summary>The client's address on the office LAN.</summary>
    public const string ClientAddress = "10.0.0.2";

    /// <summary>The NAT's address on the office LAN (the client's gateway).</summary>
    public const string NatInsideAddress = "10.0.0.1";

    /// <summary>The NAT's public address: what servers see behind a NAT.</summary>
    public const string NatPublicAddress = "203.0.113.1";

    /// <summary>The server's primary address.</summary>
    public const string ServerAddress = "203.0.113.10";

    /// <summary>The server's second address (RFC 5780 alternate).</summary>
    public const string AlternateServerAddress = "203.0.113.11";

    /// <summary>An address that exists nowhere and that the NAT has no route to (TEST-NET-2).</summary>
    public const string UnroutedAddress = "198.51.100.1";

    /// <summary>coturn's STUN/TURN port (UDP and TCP) on both server addresses.</summary>
    public const int StunPort = 3478;

    /// <summary>coturn's RFC 5780 alternate port on both server addresses.</summary>
    public const int AlternatePort = 3479;

    /// <summary>TCP 443, the one port <see cref="Scenario.UdpBlocked"/> lets through; with coturn running, the server namespace passes it to coturn's TCP 3478.</summary>
    public const int WebPort = 443;

    /// <summary>coturn's long-term credential user (RFC 8489 §9.2).</summary>
    public const string TurnUsername = "alice";

    /// <summary>coturn's long-term credential password.</summary>
    public const string TurnPassword = "secret123";

    /// <summary>coturn's realm.</summary>
    public const string TurnRealm = "test.local";

    private const int MinRelayPort = 49152;
    private const int MaxRelayPort = 49191;
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);
    private static readonly (string Tool, string Package)[] Tools = { ("bash", "bash"), ("ip", "iproute2"), ("tc", "iproute2"), ("iptables", "iptables") };
    private static readonly ConcurrentDictionary<string, NetworkLab> Live = new();
    private static readonly object SweepGate = new();
    private static Task? _sweep;

    private readonly List<ServerProcess> _servers = new();
    private ImpairmentRelay? _relay;
    private int _disposed;

    static NetworkLab() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveLiveLabs();

    private NetworkLab(string prefix)
    {
        Prefix = prefix;
        Client = new NetworkNamespace(prefix + "-cli");
        Nat = new NetworkNamespace(prefix + "-nat");
        Server = new NetworkNamespace(prefix + "-srv");
        Directory = Path.Combine(Path.GetTempPath(), prefix);
    }

    /// <summary>The prefix of the lab's namespace names.</summary>
    public string Prefix { get; }

    /// <summary>The client namespace (10.0.0.2).</summary>
    public NetworkNamespace Client { get; }

    /// <summary>The NAT and firewall namespace.</summary>
    public NetworkNamespace Nat { get; }

    /// <summary>The server namespace (203.0.113.10 and .11).</summary>
    public NetworkNamespace Server { get; }

    /// <summary>A temporary directory of the lab's own (server configuration, databases), removed with it.</summary>
    public string Directory { get; }

    /// <summary>The scenario in force.</summary>
    public Scenario Scenario { get; private set; } = Scenario.EndpointIndependentNat;

    /// <summary>The impairment relay of a <see cref="Scenario.Loss"/> or <see cref="Scenario.Impaired"/> scenario (its records are the ground truth); null otherwise.</summary>
    public ImpairmentRelay? Relay => _relay;

    /// <summary>coturn, once <see cref="StartCoturnAsync"/> has started it.</summary>
    public ServerProcess? Coturn { get; private set; }

    /// <summary>The UDP ports on both server addresses that the impairment relay takes over (set before applying the scenario). Default: 3478 and 3479.</summary>
    public IReadOnlyList<int> RelayedUdpPorts { get; set; } = new[] { StunPort, AlternatePort };

    /// <summary>
    /// Builds a new lab with the plain NAT (<see cref="Scenario.EndpointIndependentNat"/>). Throws
    /// <see cref="InvalidOperationException"/> saying what is missing when it cannot be built
    /// (not root, no iproute2 or iptables); whatever was built by then is removed.
    /// </summary>
    public static async Task<NetworkLab> StartAsync(CancellationToken cancellationToken = default)
    {
        var missing = Tools.Where(t => BoundedProcess.Find(t.Tool) is null).Select(t => t.Tool + " (apt-get install " + t.Package + ")").ToList();
        if (!Environment.IsPrivilegedProcess)
        {
            missing.Insert(0, "root (network namespaces and iptables); without it run: dotnet test --filter \"Category!=Lab\"");
        }

        if (missing.Count > 0 || !OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("The network lab cannot be built: it needs Linux and " + string.Join(", ", missing) + ".");
        }

        await RemoveLeftoversOnceAsync().ConfigureAwait(false);
        var lab = new NetworkLab(LabNames.NewPrefix());
        Live[lab.Prefix] = lab;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            System.IO.Directory.CreateDirectory(lab.Directory);
            await LabScript.RunAsync("up", lab.Prefix).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes every lab whose owning process is gone (<c>netlab.sh sweep</c>); labs of live processes stay.</summary>
    public static Task RemoveLeftoversAsync() => LabScript.RunAsync("sweep");

    /// <summary>
    /// Puts the lab back to the plain NAT (<c>netlab.sh reset</c>: firewall flushed, no shaping,
    /// conntrack forgotten; relay stopped), then builds <paramref name="scenario"/>. One at a time.
    /// </summary>
    public async Task ApplyAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var plan = ScenarioRules.For(scenario);
        Interlocked.Exchange(ref _relay, null)?.Dispose();
        await LabScript.RunAsync("reset", Prefix).ConfigureAwait(false);
        Scenario = Scenario.EndpointIndependentNat;
        cancellationToken.ThrowIfCancellationRequested();
        if (plan.Nat != NatMode.Masquerade)
        {
            await NatIptablesAsync("-t", "nat", "-F", "POSTROUTING").ConfigureAwait(false);
        }

        if (plan.Nat == NatMode.MasqueradeRandomFully)
        {
            await NatIptablesAsync("-t", "nat", "-A", "POSTROUTING", "-o", "v-nat-pub", "-j", "MASQUERADE", "--random-fully").ConfigureAwait(false);
        }
        else if (plan.Nat == NatMode.None)
        {
            await Server.CheckedAsync("ip", new[] { "route", "add", "10.0.0.0/24", "via", NatPublicAddress }, CommandLimit).ConfigureAwait(false);
        }

        foreach (var rule in plan.Forward)
        {
            await NatIptablesAsync(new[] { "-A", "FORWARD" }.Concat(rule).ToArray()).ConfigureAwait(false);
        }

        if (plan.RateBitsPerSecond is { } rate)
        {
            foreach (var device in new[] { "v-nat-in", "v-nat-pub" })
            {
                await Nat.CheckedAsync("tc", ScenarioRules.TokenBucket(device, rate), CommandLimit).ConfigureAwait(false);
            }
        }

        if (plan.Relay is { } impairment)
        {
            await StartRelayAsync(impairment).ConfigureAwait(false);
        }

        Scenario = scenario;
    }

    /// <summary>
    /// Starts coturn in the server namespace on both addresses, ports 3478 and 3479 over UDP and
    /// TCP (so it supports RFC 5780: OTHER-ADDRESS 203.0.113.11:3479), long-term credentials
    /// <see cref="TurnUsername"/>/<see cref="TurnPassword"/> in <see cref="TurnRealm"/>, no TLS; TCP
    /// 443 of both addresses leads to its TCP 3478. Returns once it answers.
    /// </summary>
    public async Task<ServerProcess> StartCoturnAsync()
    {
        if (Coturn is not null)
        {
            throw new InvalidOperationException("coturn already runs in " + Server + ".");
        }

        if (BoundedProcess.Find("turnserver") is null)
        {
            throw new InvalidOperationException("The network lab's STUN server is missing: turnserver (apt-get install coturn).");
        }

        await Server.CheckedAsync("iptables", new[] { "-w", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", WebPort.ToString(CultureInfo.InvariantCulture), "-j", "REDIRECT", "--to-ports", StunPort.ToString(CultureInfo.InvariantCulture) }, CommandLimit).ConfigureAwait(false);
        var server = IPAddress.Parse(ServerAddress);
        var alternate = IPAddress.Parse(AlternateServerAddress);
        Coturn = await StartServerAsync(
            "turnserver",
            new[]
            {
                "-n", "--no-cli", "--log-file=stdout", "--simple-log",
                "--pidfile=" + Path.Combine(Directory, "turnserver.pid"),
                "--userdb=" + Path.Combine(Directory, "turndb.sqlite"),
                "-L", ServerAddress, "-L", AlternateServerAddress, "-E", ServerAddress,
                "--listening-port=" + StunPort, "--alt-listening-port=" + AlternatePort,
                "--no-tls", "--no-dtls",
                "--min-port=" + MinRelayPort, "--max-port=" + MaxRelayPort,
                "--lt-cred-mech", "--user=" + TurnUsername + ":" + TurnPassword, "--realm=" + TurnRealm,
                "--fingerprint",
            },
            new[]
            {
                LabChecks.StunBinding(Server, new IPEndPoint(server, StunPort)),
                LabChecks.StunBinding(Server, new IPEndPoint(alternate, StunPort)),
                LabChecks.StunBinding(Server, new IPEndPoint(alternate, AlternatePort)),
                LabChecks.TcpAccepts(Server, new IPEndPoint(server, StunPort)),
            },
            ReadyLimit).ConfigureAwait(false);
        return Coturn;
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> in the server namespace, waits (at most
    /// <paramref name="limit"/>) until every readiness check passes (see <see cref="LabChecks"/>),
    /// and stops it with the lab. Throws with the server's output when it does not get ready.
    /// Files it needs go in <see cref="Directory"/>.
    /// </summary>
    public async Task<ServerProcess> StartServerAsync(string fileName, IEnumerable<string> arguments, IEnumerable<(string What, Func<Task> Check)> readiness, TimeSpan limit)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var process = Server.StartServer(fileName, arguments);
        lock (_servers)
        {
            _servers.Add(process);
        }

        var failure = await process.WaitUntilReadyAsync(readiness, limit).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new InvalidOperationException(fileName + " in " + Server + " is not ready: " + failure + Environment.NewLine + "Its output:" + Environment.NewLine + process.Log);
        }

        return process;
    }

    /// <summary>The engine's own connected UDP socket, opened in the client namespace: for <c>StunBindingOptions.OpenDatagramSocket</c>.</summary>
    public IDatagramSocket OpenClientDatagramSocket(IPEndPoint remote) => Client.Run(() => ConnectedUdpSocket.Connect(remote));

    /// <summary>Runs <c>iptables -w <paramref name="arguments"/></c> in the NAT namespace, e.g. <c>-A FORWARD -p udp --dport 3478 -j DROP</c>.</summary>
    public Task<CliRun> NatIptablesAsync(params string[] arguments) =>
        Nat.CheckedAsync("iptables", arguments.Prepend("-w"), CommandLimit);

    /// <summary>How many packets rule <paramref name="number"/> (1-based) of <paramref name="chain"/> in the NAT's filter table has matched.</summary>
    public async Task<long> PacketsMatchedAsync(string chain, int number)
    {
        var run = await NatIptablesAsync("-L", chain, "-n", "-v", "-x", "--line-numbers").ConfigureAwait(false);
        var wanted = number.ToString(CultureInfo.InvariantCulture);
        foreach (var line in run.StandardOutput.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && fields[0] == wanted)
            {
                return long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("No rule " + number + " in " + chain + ":" + Environment.NewLine + run.StandardOutput);
    }

    /// <summary>Stops the relay, removes the namespaces with everything running in them (<c>netlab.sh down</c>), reaps the servers and deletes <see cref="Directory"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _relay, null)?.Dispose();
            await LabScript.RunAsync("down", Prefix).ConfigureAwait(false);
        }
        finally
        {
            ServerProcess[] servers;
            lock (_servers)
            {
                servers = _servers.ToArray();
            }

            foreach (var server in servers)
            {
                await server.StopAsync(StopLimit).ConfigureAwait(false);
            }

            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }

            Live.TryRemove(Prefix, out _);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Prefix + " (" + Scenario + ")";

    private static Task RemoveLeftoversOnceAsync()
    {
        lock (SweepGate)
        {
            if (_sweep is null || _sweep.IsFaulted)
            {
                _sweep = RemoveLeftoversAsync();
            }

            return _sweep;
        }
    }

    /// <summary>At process exit: removes labs nobody disposed (a test host ending mid-run), bounded.</summary>
    private static void RemoveLiveLabs()
    {
        foreach (var prefix in Live.Keys)
        {
            try
            {
                LabScript.RunAsync("down", prefix).Wait(StopLimit);
            }
            catch (AggregateException)
            {
                // Process exit goes on; the next lab's sweep removes what is left.
            }
        }
    }

    private async Task StartRelayAsync(Impairment impairment)
    {
        var servers = new[] { ServerAddress, AlternateServerAddress }
            .SelectMany(address => RelayedUdpPorts.Select(port => new IPEndPoint(IPAddress.Parse(address), port)))
            .ToList();
        var relay = ImpairmentRelay.Start(Nat, IPAddress.Parse(NatInsideAddress), servers, impairment);
        _relay = relay;
        foreach (var (server, port) in relay.Ports)
        {
            await NatIptablesAsync(
                "-t", "nat", "-A", "PREROUTING", "-i", "v-nat-in", "-p", "udp",
                "-d", server.Address.ToString(), "--dport", server.Port.ToString(CultureInfo.InvariantCulture),
                "-j", "REDIRECT", "--to-ports", port.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }
}
