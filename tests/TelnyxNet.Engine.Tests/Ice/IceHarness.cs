using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Tests.Probes;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Ice;

/// <summary>A fixed interface list: Windows-, macOS- or lab-like adapters for the gatherer.</summary>
internal sealed class FixedInterfaces : INetworkInterfaceProvider
{
    private readonly IReadOnlyList<LocalInterface> _interfaces;

    public FixedInterfaces(params LocalInterface[] interfaces) => _interfaces = interfaces;

    public IReadOnlyList<LocalInterface> GetInterfaces() => _interfaces;

    public static LocalInterface Up(string name, string description, string osType, params string[] addresses) =>
        new(name, description, osType, true, addresses.Select(IPAddress.Parse));
}

/// <summary>One gathering in this process: what it streamed, what it returned, what it narrated.</summary>
internal sealed record IceRunResult(IceGatheringSummary Summary, IReadOnlyList<IceCandidate> Streamed, CollectingLog Log)
{
    public IEnumerable<string> Codes => Summary.Findings.Select(f => f.Code);

    public IReadOnlyList<IceCandidate> OfType(string type) => Summary.Candidates.Where(c => c.Type == type).ToList();
}

/// <summary>
/// Runs the gatherer against fake interfaces whose addresses stand for real ones: every base
/// socket is bound to 127.0.0.1 (the seam), so scripted servers and coturn on loopback answer it,
/// while the candidates carry the interface's address as a browser's would.
/// </summary>
internal static class IceHarness
{
    public static readonly LocalInterface Ethernet = FixedInterfaces.Up("eth0", "Intel(R) Ethernet Connection I219-LM", "Ethernet", "192.168.1.10", "fe80::1");

    public static IceGatheringOptions Options(INetworkInterfaceProvider interfaces, IEnumerable<string> servers, TimeSpan timeout, TurnCredential? credential = null)
    {
        var stun = new List<StunServerAddress>();
        var turn = new List<TurnServerAddress>();
        foreach (var server in servers)
        {
            Assert.True(IceServerUri.TryParse(server, out var s, out var t, out var error), error?.Message);
            if (s != null)
            {
                stun.Add(s);
            }
            else
            {
                turn.Add(t!);
            }
        }

        return new IceGatheringOptions
        {
            StunServers = stun,
            TurnServers = turn,
            Credential = credential ?? TurnCredential.FromPassword(Support.CoturnFixture.Username, Support.Secrets.Secure(Support.CoturnFixture.Password)),
            Timeout = timeout,
            Interfaces = interfaces,
            OpenBoundDatagramSocket = _ => UnconnectedUdpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0)),
            OpenStreamSocket = family =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                return socket;
            },
        };
    }

    public static async Task<IceRunResult> RunAsync(IceGatheringOptions options, CancellationToken cancellationToken = default)
    {
        var streamed = new List<IceCandidate>();
        var log = new CollectingLog();
        var summary = await IceGatheringProbe.RunAsync(options, log, null, c => streamed.Add(c), cancellationToken);
        return new IceRunResult(summary, streamed, log);
    }

    /// <summary>Checks RFC 8445's priority formula and uniqueness, and that every line parses back.</summary>
    public static void AssertWellFormed(IceGatheringSummary summary)
    {
        var typePreference = new Dictionary<string, long> { ["host"] = 126, ["srflx"] = 100, ["relay"] = 0 };
        foreach (var candidate in summary.Candidates)
        {
            CandidateLineParser.AssertRoundTrips(candidate);
            Assert.Equal(typePreference[candidate.Type], candidate.Priority >> 24);
            Assert.Equal(255, candidate.Priority & 0xFF);
            Assert.Equal(1, candidate.Component);
        }

        foreach (var type in summary.Candidates.GroupBy(c => c.Type))
        {
            Assert.Equal(type.Count(), type.Select(c => (c.Priority >> 8) & 0xFFFF).Distinct().Count());
        }
    }
}
