using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Lab;

/// <summary>
/// The lab's userspace impairment (this kernel has no netem): a UDP relay in the NAT namespace
/// that the NAT redirects chosen server ports to (iptables REDIRECT, so the client still talks to,
/// and hears from, the server's own address and port). It sends each client datagram on from one
/// socket per client address and port, whatever the server (so the mapping stays endpoint
/// independent), after the fate the seeded <see cref="Impairment"/> draws for it, and passes the
/// answers back at once. Every datagram is recorded (<see cref="Records"/>): exact ground truth
/// for loss and delay measurements. Two threads of its own, not the thread pool, so that a busy
/// process adds as little as it can to the delays: one receives on every socket (poll(2)) and
/// passes answers back, one sends client datagrams on when they are due. Bounded: at most
/// <see cref="MaxDatagrams"/> datagrams and <see cref="MaxClients"/> client end points, then it drops.
/// </summary>
public sealed class ImpairmentRelay : IDisposable
{
    /// <summary>The most datagrams one relay handles; later ones are dropped unrecorded.</summary>
    public const int MaxDatagrams = 100_000;

    /// <summary>The most client end points one relay keeps a socket for.</summary>
    public const int MaxClients = 256;

    private const int MaxDatagram = 65535;
    private const int PollMicroseconds = 20_000;
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(5);
    private readonly NetworkNamespace _namespace;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly List<RelayRecord> _records = new();
    private readonly Dictionary<IPEndPoint, Socket> _fronts = new();
    private readonly Dictionary<Socket, IPEndPoint> _serverOfFront = new();
    private readonly Dictionary<IPEndPoint, Socket> _upstreams = new();
    private readonly Dictionary<Socket, IPEndPoint> _clientOfUpstream = new();
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly DelayLine _line;
    private readonly Thread _receiver;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _sequence;
    private int _disposed;

    private ImpairmentRelay(NetworkNamespace inNamespace, Impairment impairment)
    {
        _namespace = inNamespace;
        Impairment = impairment;
        _random = new Random(impairment.Seed);
        _line = new DelayLine("impairment relay in " + inNamespace.Name);
        _receiver = new Thread(Receive) { IsBackground = true, Name = "impairment relay receiver in " + inNamespace.Name };
    }

    /// <summary>What the relay does to upstream datagrams.</summary>
    public Impairment Impairment { get; }

    /// <summary>For each server end point relayed, the local port of <see cref="ListenAddress"/> its datagrams are redirected to.</summary>
    public IReadOnlyDictionary<IPEndPoint, int> Ports { get; private set; } = new Dictionary<IPEndPoint, int>();

    /// <summary>The address the relay listens on (the NAT's inside address).</summary>
    public IPAddress ListenAddress { get; private set; } = IPAddress.None;

    /// <summary>Datagrams dropped because the relay's bounds were reached (not in <see cref="Records"/>).</summary>
    public int OverBudget { get; private set; }

    /// <summary>What happened to every datagram so far, in arrival order. A datagram still held is added when it is sent on.</summary>
    public IReadOnlyList<RelayRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.OrderBy(r => r.Sequence).ToList();
            }
        }
    }

    /// <summary>Opens one listening socket per server in <paramref name="inNamespace"/> on <paramref name="listenAddress"/> and starts relaying.</summary>
    public static ImpairmentRelay Start(NetworkNamespace inNamespace, IPAddress listenAddress, IEnumerable<IPEndPoint> servers, Impairment impairment)
    {
        ArgumentNullException.ThrowIfNull(inNamespace);
        ArgumentNullException.ThrowIfNull(impairment);
        var relay = new ImpairmentRelay(inNamespace, impairment) { ListenAddress = listenAddress };
        try
        {
            var ports = new Dictionary<IPEndPoint, int>();
            foreach (var server in servers)
            {
                var front = inNamespace.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                relay._fronts.Add(server, front);
                relay._serverOfFront.Add(front, server);
                front.Bind(new IPEndPoint(listenAddress, 0));
                ports.Add(server, ((IPEndPoint)front.LocalEndPoint!).Port);
            }

            relay.Ports = ports;
            relay._receiver.Start();
            return relay;
        }
        catch
        {
            relay.Dispose();
            throw;
        }
    }

    /// <summary>Stops relaying and closes every socket; datagrams still held are not sent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _line.Dispose();
        if (_receiver.IsAlive)
        {
            _receiver.Join(JoinLimit);
        }

        lock (_gate)
        {
            foreach (var socket in _fronts.Values.Concat(_upstreams.Values))
            {
                socket.Dispose();
            }
        }
    }

    private TimeSpan Now => Stopwatch.GetElapsedTime(_started);

    /// <summary>The receiving thread: waits on every socket at once, a poll at a time, until disposed.</summary>
    private void Receive()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            List<Socket> ready;
            lock (_gate)
            {
                ready = _fronts.Values.Concat(_upstreams.Values).ToList();
            }

            try
            {
                Socket.Select(ready, null, null, PollMicroseconds);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            foreach (var socket in ready)
            {
                ReceiveOne(socket);
            }
        }
    }

    private void ReceiveOne(Socket socket)
    {
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        int count;
        try
        {
            count = socket.ReceiveFrom(_buffer, ref from);
        }
        catch (SocketException)
        {
            // An ICMP error an earlier send caused, reported on this socket: nothing to relay.
            return;
        }

        var payload = _buffer.AsSpan(0, count).ToArray();
        if (_serverOfFront.TryGetValue(socket, out var server))
        {
            FromClient((IPEndPoint)from, server, payload);
        }
        else
        {
            FromServer(_clientOfUpstream[socket], (IPEndPoint)from, payload);
        }
    }

    /// <summary>A client datagram for <paramref name="server"/>: the seeded source decides its fate, the delay line sends it on.</summary>
    private void FromClient(IPEndPoint client, IPEndPoint server, byte[] payload)
    {
        var arrived = Now;
        RelayRecord record;
        Socket? upstream;
        lock (_gate)
        {
            upstream = Admit() ? UpstreamFor(client) : null;
            if (upstream is null)
            {
                return;
            }

            // Two draws for every datagram, whatever the settings: the fate of the n-th datagram depends only on the seed.
            var lost = _random.NextDouble() < Impairment.Loss;
            var offset = (_random.NextDouble() * 2) - 1;
            var delay = Impairment.Delay + TimeSpan.FromTicks((long)(offset * Impairment.Jitter.Ticks));
            record = new RelayRecord(_sequence++, RelayDirection.Upstream, client, server, payload, arrived, delay, lost, ForwardedAt: null);
            if (lost)
            {
                _records.Add(record);
                return;
            }
        }

        var due = _started + (long)((arrived + record.PlannedDelay).Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        _line.Schedule(due, () => Forward(upstream, server, record));
    }

    /// <summary>A server's answer to <paramref name="client"/>: passed back at once from the address the client wrote to.</summary>
    private void FromServer(IPEndPoint client, IPEndPoint server, byte[] payload)
    {
        var arrived = Now;
        RelayRecord record;
        Socket? front;
        lock (_gate)
        {
            if (!Admit() || !_fronts.TryGetValue(server, out front))
            {
                return;
            }

            record = new RelayRecord(_sequence++, RelayDirection.Downstream, client, server, payload, arrived, TimeSpan.Zero, Dropped: false, ForwardedAt: null);
        }

        Forward(front, client, record);
    }

    /// <summary>
    /// Sends a datagram on and records when: the time is read just before the send, so that a
    /// recorded hold never exceeds the real one. A socket error (e.g. an ICMP error from an
    /// earlier send) loses it, as the network would.
    /// </summary>
    private void Forward(Socket socket, IPEndPoint to, RelayRecord record)
    {
        var sent = Now;
        try
        {
            socket.SendTo(record.Payload, to);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return;
        }

        lock (_gate)
        {
            _records.Add(record with { ForwardedAt = sent });
        }
    }

    /// <summary>Counts a datagram against the bounds; false (and counted as over budget) once they are reached. Under the lock.</summary>
    private bool Admit()
    {
        if (_sequence < MaxDatagrams)
        {
            return true;
        }

        OverBudget++;
        return false;
    }

    /// <summary>The socket that speaks for <paramref name="client"/> towards the servers; null past <see cref="MaxClients"/>. Under the lock.</summary>
    private Socket? UpstreamFor(IPEndPoint client)
    {
        if (_upstreams.TryGetValue(client, out var upstream))
        {
            return upstream;
        }

        if (_upstreams.Count >= MaxClients)
        {
            OverBudget++;
            return null;
        }

        upstream = _namespace.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        upstream.Bind(new IPEndPoint(IPAddress.Any, 0));
        _upstreams.Add(client, upstream);
        _clientOfUpstream.Add(upstream, client);
        return upstream;
    }
}
