using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Bench.Turn;

/// <summary>
/// The servers of the TURN scenario on 127.0.0.1, in a temp dir: a private coturn with long-term
/// credentials for two users (one for telnyxnet, one for turnutils_uclient, so that the log tells
/// their allocations apart) that logs every allocation's creation and deletion (<c>-v</c>), and
/// turnutils_peer, the UDP echo peer turnutils_uclient relays to. Dispose kills both and removes the dir.
/// </summary>
internal sealed class TurnLab : IDisposable
{
    /// <summary>The user telnyxnet authenticates as.</summary>
    public const string OurUser = "alice";

    /// <summary>The user turnutils_uclient authenticates as.</summary>
    public const string PeerUser = "bob";

    /// <summary>Both users' password.</summary>
    public const string Password = "bench-turn-password";

    private const int RelayPorts = 60;
    private readonly string _directory;
    private readonly List<Process> _processes = new();

    private bool _disposed;

    private TurnLab(string directory)
    {
        _directory = directory;

        // SIGTERM or Ctrl+C end this process without running finally blocks, but with ProcessExit: stop the servers then too.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>coturn's STUN/TURN port (UDP and TCP).</summary>
    public int Port { get; private set; }

    /// <summary>turnutils_peer's UDP echo port.</summary>
    public int PeerPort { get; private set; }

    private string LogPath => Path.Combine(_directory, "turn.log");

    /// <summary>Starts coturn (<paramref name="turnserver"/>) and turnutils_peer (<paramref name="peer"/>) and waits, bounded, until both answer.</summary>
    public static async Task<TurnLab> StartAsync(string turnserver, string peer)
    {
        var lab = new TurnLab(Directory.CreateTempSubdirectory("telnyxnet-bench-turn-").FullName);
        try
        {
            var first = FreeBlock(2 + RelayPorts);
            lab.Port = first;
            lab.PeerPort = first + 1;
            lab.Start(turnserver, "-n", "-v", "--no-cli", "--no-tls", "--no-dtls", "--log-file=" + lab.LogPath, "--simple-log", "--no-stdout-log",
                "--pidfile=" + Path.Combine(lab._directory, "turn.pid"), "--userdb=" + Path.Combine(lab._directory, "turndb.sqlite"),
                "-L", "127.0.0.1", "-E", "127.0.0.1", "--listening-port=" + lab.Port, "--min-port=" + (first + 2), "--max-port=" + (first + 1 + RelayPorts),
                "--lt-cred-mech", "--user=" + OurUser + ":" + Password, "--user=" + PeerUser + ":" + Password, "--realm=bench.local", "--allow-loopback-peers");
            lab.Start(peer, "-L", "127.0.0.1", "-p", lab.PeerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await WaitAsync("coturn on 127.0.0.1:" + lab.Port, () => BindingAsync(lab.Port)).ConfigureAwait(false);
            await WaitAsync("turnutils_peer on 127.0.0.1:" + lab.PeerPort, () => EchoAsync(lab.PeerPort)).ConfigureAwait(false);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How many allocations of <paramref name="user"/> coturn logged as created and as deleted,
    /// once the deletions have settled (coturn logs one about a second after a Refresh with
    /// LIFETIME 0; waits up to 10 s).
    /// </summary>
    public async Task<(int Created, int Deleted)> AllocationsAsync(string user)
    {
        var created = new Regex(@"session \d+: new, realm=<[^>]*>, username=<" + Regex.Escape(user) + ">", RegexOptions.CultureInvariant);
        var deleted = new Regex(@"session \d+: delete: realm=<[^>]*>, username=<" + Regex.Escape(user) + ">", RegexOptions.CultureInvariant);
        var counts = (Created: 0, Deleted: 0);
        for (var i = 0; i < 100; i++)
        {
            var log = await ReadLogAsync().ConfigureAwait(false);
            counts = (created.Matches(log).Count, deleted.Matches(log).Count);
            if (counts.Created == counts.Deleted)
            {
                break;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return counts;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(3000);
            }

            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private void Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName + ".");
        _processes.Add(process);
        process.StandardInput.Close();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    private static async Task WaitAsync(string what, Func<Task> check)
    {
        string last = string.Empty;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await check().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is ProbeException or SocketException or OperationCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new InvalidOperationException(what + " did not answer within 100 attempts: " + last);
    }

    private static async Task BindingAsync(int port)
    {
        var remote = new IPEndPoint(IPAddress.Loopback, port);
        using var client = new StunUdpClient(ConnectedUdpSocket.Connect(remote), SystemClock.Instance);
        await client.ExecuteAsync(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Encode(), remote, RetransmissionPolicy.Default, TimeSpan.FromMilliseconds(300), CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task EchoAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(new byte[] { 1, 2, 3 }, SocketFlags.None).ConfigureAwait(false);
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await socket.ReceiveAsync(new byte[16], SocketFlags.None, wait.Token).ConfigureAwait(false);
    }

    /// <summary>The first of <paramref name="count"/> consecutive ports free for UDP and TCP on 127.0.0.1, below the ephemeral range.</summary>
    private static int FreeBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20000, 32000 - count);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no block of " + count + " free loopback ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
