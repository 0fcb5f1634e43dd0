using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// Our pion TURN server (tests/servers/pion-turn) running on 127.0.0.1, UDP and TCP on one port,
/// relaying on 127.0.0.1 from a port range of its own. It prints <c>allocations N</c> whenever its
/// allocation count changes, which <see cref="AllocationCount"/> reads: pion's own count.
/// </summary>
public sealed partial class PionTurnServer : IAsyncDisposable
{
    /// <summary>The realm it offers.</summary>
    public const string Realm = "pion.test";

    private const int RelayPortCount = 20;
    private readonly ServerProcess _process = new();

    private PionTurnServer(IReadOnlyList<TurnUser> users) => Users = users;

    /// <summary>The users it knows.</summary>
    public IReadOnlyList<TurnUser> Users { get; }

    /// <summary>The TURN port, UDP and TCP, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>UDP/TCP on 127.0.0.1.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The relay port range.</summary>
    public RelayPortRange RelayPorts { get; private set; } = new(0, 0);

    /// <summary>What it printed so far (the last run's output once stopped).</summary>
    public string Log => _process.Log;

    /// <summary>The live allocations as pion last reported them (it reports each change within 20 ms); -1 before the first report.</summary>
    public int AllocationCount
    {
        get
        {
            var reports = CountPattern().Matches(Log);
            return reports.Count == 0 ? -1 : int.Parse(reports[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Builds the server if this test run has not yet, starts it for <paramref name="users"/> and waits until it answers a Binding over UDP and TCP.</summary>
    public static async Task<PionTurnServer> StartAsync(IReadOnlyList<TurnUser> users)
    {
        var binary = await PionTurnBuild.BinaryAsync().ConfigureAwait(false);
        var server = new PionTurnServer(users);
        try
        {
            await server._process.StartAsync(binary, server.NextAttempt).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops it (SIGTERM, then a kill after 3 s).</summary>
    public async ValueTask DisposeAsync() => await _process.StopAsync().ConfigureAwait(false);

    private StartAttempt NextAttempt()
    {
        var first = FreePorts.Block(1 + RelayPortCount, FreePorts.Loopback);
        Port = first;
        RelayPorts = new RelayPortRange(first + 1, first + RelayPortCount);
        var arguments = new List<string>
        {
            "-listen", "127.0.0.1", "-port", Port.ToString(CultureInfo.InvariantCulture), "-realm", Realm,
            "-relay", "127.0.0.1", "-min-port", RelayPorts.Min.ToString(CultureInfo.InvariantCulture), "-max-port", RelayPorts.Max.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var user in Users)
        {
            arguments.AddRange(new[] { "-user", user.Name + "=" + user.Password });
        }

        var endPoint = EndPoint;
        var checks = new (string, Func<Task>)[]
        {
            ("UDP Binding on " + endPoint, () => ListenerChecks.BindingAsync(ProtocolType.Udp, endPoint)),
            ("TCP Binding on " + endPoint, () => ListenerChecks.BindingAsync(ProtocolType.Tcp, endPoint)),
        };
        return new StartAttempt(arguments, checks, Port + "-" + RelayPorts.Max);
    }

    [GeneratedRegex(@"^allocations (\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex CountPattern();
}
