using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// The network lab of tests/lab/netlab.sh for one test run: a client namespace (10.0.0.2) behind a
/// NAT namespace (10.0.0.1 | 203.0.113.1, MASQUERADE) and a server namespace (203.0.113.10 and
/// .11) where a real coturn answers STUN on ports 3478 and 3479 of both addresses, so that it
/// supports RFC 5780 (OTHER-ADDRESS 203.0.113.11:3479). Names carry this process's id, so two runs
/// cannot collide; everything is torn down on dispose, also after a failed start. Tests change
/// the NAT's firewall with <see cref="NatRuleAsync"/> and put it back with <see cref="ResetAsync"/>.
/// Never skipped: without root, iptables or coturn the tests fail and say what is missing.
/// </summary>
public sealed class NetworkLabFixture : IAsyncLifetime
{
    /// <summary>The client's address on the office LAN.</summary>
    public const string ClientAddress = "10.0.0.2";

    /// <summary>The NAT's public address: what servers see.</summary>
    public const string NatPublicAddress = "203.0.113.1";

    /// <summary>coturn's primary address.</summary>
    public const string ServerAddress = "203.0.113.10";

    /// <summary>coturn's second address (RFC 5780 alternate).</summary>
    public const string AlternateServerAddress = "203.0.113.11";

    /// <summary>An address that exists nowhere and that the NAT has no route to (TEST-NET-2).</summary>
    public const string UnroutedAddress = "198.51.100.1";

    /// <summary>coturn's STUN port (UDP and TCP) on both addresses.</summary>
    public const int StunPort = 3478;

    /// <summary>coturn's RFC 5780 alternate port.</summary>
    public const int AlternatePort = 3479;

    private const int MinRelayPort = 49152;
    private const int MaxRelayPort = 49191;
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    private string? _script;
    private string? _directory;
    private CoturnProcess? _coturn;

    /// <summary>A lab named for this test process.</summary>
    public NetworkLabFixture() => Prefix = "tnl" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The prefix of the lab's namespace names.</summary>
    public string Prefix { get; }

    /// <summary>The client namespace (10.0.0.2).</summary>
    public string ClientNamespace => Prefix + "-cli";

    /// <summary>The NAT and firewall namespace.</summary>
    public string NatNamespace => Prefix + "-nat";

    /// <summary>The server namespace (coturn).</summary>
    public string ServerNamespace => Prefix + "-srv";

    /// <summary>What coturn logged so far.</summary>
    public string CoturnLog => _coturn?.Log ?? string.Empty;

    private string Script => _script ?? throw new InvalidOperationException("The network lab is not initialized.");

    /// <summary>Builds the lab, starts coturn in the server namespace and waits until it answers through the NAT.</summary>
    public async Task InitializeAsync()
    {
        var missing = new[] { ("bash", "bash"), ("ip", "iproute2"), ("iptables", "iptables"), ("turnserver", "coturn") }
            .Where(tool => BoundedProcess.Find(tool.Item1) is null)
            .Select(tool => tool.Item1 + " (apt-get install " + tool.Item2 + ")")
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("The network lab needs, as root: " + string.Join(", ", missing) + ".");
        }

        _script = FindScript();
        try
        {
            _directory = Directory.CreateTempSubdirectory("telnyxnet-netlab-").FullName;

            // Leftovers of a killed run whose process id this one reuses.
            await RunScriptAsync("down").ConfigureAwait(false);
            await RunScriptAsync("up").ConfigureAwait(false);
            StartCoturn(_directory);
            var failure = await WaitUntilReadyAsync(_coturn!).ConfigureAwait(false);
            if (failure is not null)
            {
                throw new InvalidOperationException("coturn in " + ServerNamespace + " did not answer through the NAT: " + failure + Environment.NewLine + "coturn's log:" + Environment.NewLine + CoturnLog);
            }
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Puts the NAT back to plain MASQUERADE with an empty firewall and forgets conntrack state (<c>netlab.sh reset</c>).</summary>
    public Task ResetAsync() => RunScriptAsync("reset");

    /// <summary>Runs <c>iptables -w <paramref name="arguments"/></c> in the NAT namespace, e.g. <c>-A FORWARD -p udp --dport 3478 -j DROP</c>.</summary>
    public Task NatRuleAsync(params string[] arguments) =>
        BoundedProcess.CheckedAsync("ip", new[] { "netns", "exec", NatNamespace, "iptables", "-w" }.Concat(arguments), CommandLimit);

    /// <summary>How many packets rule <paramref name="number"/> (1-based) of <paramref name="chain"/> in the NAT's filter table has matched.</summary>
    public async Task<long> PacketsMatchedAsync(string chain, int number)
    {
        var run = await BoundedProcess.CheckedAsync("ip", new[] { "netns", "exec", NatNamespace, "iptables", "-w", "-L", chain, "-n", "-v", "-x", "--line-numbers" }, CommandLimit).ConfigureAwait(false);
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

    /// <summary>Stops coturn, removes the namespaces (<c>netlab.sh down</c>) and deletes the temporary directory.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            if (_script is not null)
            {
                await RunScriptAsync("down").ConfigureAwait(false);
            }
        }
        finally
        {
            await StopCoturnAsync().ConfigureAwait(false);
            if (_directory is not null && Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }

            _directory = null;
        }
    }

    /// <summary>tests/lab/netlab.sh, found by walking up from the test assembly's folder to the repository.</summary>
    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "lab", "netlab.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/lab/netlab.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A Binding from the client namespace that maps the client to the NAT's public address: proof that the path through the NAT works.</summary>
    private async Task BindingThroughNatAsync(ProtocolType protocol, IPEndPoint server)
    {
        var type = protocol == ProtocolType.Udp ? SocketType.Dgram : SocketType.Stream;
        using var socket = NetworkLabSockets.Open(ClientNamespace, AddressFamily.InterNetwork, type, protocol);
        var response = await (protocol == ProtocolType.Udp ? StunChecks.UdpBindingAsync(socket, server) : StunChecks.TcpBindingAsync(socket, server)).ConfigureAwait(false);
        if (!response.MappedEndPoint!.Address.Equals(IPAddress.Parse(NatPublicAddress)))
        {
            throw new InvalidDataException("coturn saw the client as " + response.MappedEndPoint + ", not behind the NAT's " + NatPublicAddress + ".");
        }
    }

    private Task RunScriptAsync(string command) =>
        BoundedProcess.CheckedAsync("bash", new[] { Script, command, Prefix }, CommandLimit);

    private void StartCoturn(string directory) =>
        _coturn = CoturnProcess.Start("ip", new[]
        {
            "netns", "exec", ServerNamespace, "turnserver",
            "-n", "--no-cli", "--log-file=stdout", "--simple-log",
            "--pidfile=" + Path.Combine(directory, "turnserver.pid"),
            "--userdb=" + Path.Combine(directory, "turndb.sqlite"),
            "-L", ServerAddress, "-L", AlternateServerAddress, "-E", ServerAddress,
            "--listening-port=" + StunPort, "--alt-listening-port=" + AlternatePort,
            "--no-tls", "--no-dtls",
            "--min-port=" + MinRelayPort, "--max-port=" + MaxRelayPort,
            "--fingerprint",
        });

    /// <summary>Null once coturn answers Bindings from the client namespace on every address and port the tests use; else why not.</summary>
    private Task<string?> WaitUntilReadyAsync(CoturnProcess coturn)
    {
        var server = IPAddress.Parse(ServerAddress);
        var alternate = IPAddress.Parse(AlternateServerAddress);
        return coturn.WaitUntilReadyAsync(
            new (string, Func<Task>)[]
            {
                ("a UDP Binding to " + ServerAddress + ":" + StunPort, () => BindingThroughNatAsync(ProtocolType.Udp, new IPEndPoint(server, StunPort))),
                ("a UDP Binding to " + AlternateServerAddress + ":" + StunPort, () => BindingThroughNatAsync(ProtocolType.Udp, new IPEndPoint(alternate, StunPort))),
                ("a UDP Binding to " + AlternateServerAddress + ":" + AlternatePort, () => BindingThroughNatAsync(ProtocolType.Udp, new IPEndPoint(alternate, AlternatePort))),
                ("a TCP Binding to " + ServerAddress + ":" + StunPort, () => BindingThroughNatAsync(ProtocolType.Tcp, new IPEndPoint(server, StunPort))),
            },
            ReadyLimit);
    }

    /// <summary>netlab.sh down has already ended everything in the namespaces; this reaps coturn, stopping it only if it is somehow still there.</summary>
    private async Task StopCoturnAsync()
    {
        var coturn = _coturn;
        _coturn = null;
        if (coturn is not null)
        {
            await coturn.StopAsync(StopLimit).ConfigureAwait(false);
        }
    }
}
