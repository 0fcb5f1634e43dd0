using System.Collections.Concurrent;
using System.Net;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Probes;

/// <summary>Runs <see cref="StunBindingProbe"/> against scripted sockets and a scripted resolver.</summary>
internal sealed class ProbeHarness
{
    /// <summary>The address the scripted servers report by default.</summary>
    public static readonly IPEndPoint Mapped = new(IPAddress.Parse("203.0.113.7"), 40000);

    /// <summary>A safety bound on every run, so that a broken engine fails the test instead of hanging it.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<IPEndPoint, ScriptedDatagramSocket> _sockets = new();

    public ProbeHarness(IClock clock) => Clock = clock;

    public IClock Clock { get; }

    public ScriptedResolver Resolver { get; } = new();

    /// <summary>Chooses the auto-responder for the socket opened to each server address.</summary>
    public Func<IPEndPoint, Func<byte[], byte[]?>?> Responder { get; set; } = _ => ScriptedStunServer.Success(Mapped);

    /// <summary>The local end point the scripted sockets report.</summary>
    public IPEndPoint Local { get; set; } = ScriptedDatagramSocket.DefaultLocal;

    /// <summary>The sockets opened so far.</summary>
    public IReadOnlyCollection<ScriptedDatagramSocket> Sockets => _sockets.Values.ToList();

    /// <summary>The socket opened to <paramref name="address"/>:<paramref name="port"/>, or null.</summary>
    public ScriptedDatagramSocket? SocketTo(string address, int port = StunServerAddress.DefaultPort) =>
        _sockets.TryGetValue(new IPEndPoint(IPAddress.Parse(address), port), out var socket) ? socket : null;

    public static IReadOnlyList<StunServerAddress> Servers(params string[] texts) =>
        texts.Select(text =>
        {
            Assert.True(StunServerAddress.TryParse(text, TransportProtocol.Udp, out var server, out var error), error);
            return server!;
        }).ToList();

    public StunBindingOptions Options(string[] servers, int count = 1, TimeSpan? timeout = null, AddressFamilyPreference family = AddressFamilyPreference.Any) => new()
    {
        Servers = Servers(servers),
        Count = count,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        AddressFamily = family,
        Resolver = Resolver,
        Clock = Clock,
        OpenDatagramSocket = Open,
    };

    public Task<IReadOnlyList<StunBindingResult>> Start(StunBindingOptions options, IEngineLog? log = null, IProgress<ProbeProgress>? progress = null) =>
        StunBindingProbe.RunAsync(options, log, progress, CancellationToken.None);

    public Task<IReadOnlyList<StunBindingResult>> Run(StunBindingOptions options, IEngineLog? log = null, IProgress<ProbeProgress>? progress = null) =>
        Start(options, log, progress).WaitAsync(Bound);

    private IDatagramSocket Open(IPEndPoint remote)
    {
        var socket = new ScriptedDatagramSocket(Clock, Responder(remote), Local);
        Assert.True(_sockets.TryAdd(remote, socket), "A second socket to " + remote + ".");
        return socket;
    }
}
