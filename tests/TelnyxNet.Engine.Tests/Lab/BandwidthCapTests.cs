using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>
/// A bandwidth cap (a token bucket on the NAT's interfaces): a burst far above it is cut to what
/// the bucket and its 400 ms queue hold, and the rest is dropped by the NAT, not lost elsewhere.
/// Counted in datagrams, not timed.
/// </summary>
[Trait("Category", "Lab")]
public sealed partial class BandwidthCapTests
{
    private const int Datagrams = 200;
    private const int Size = 1000;
    private const int SinkPort = 5001;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Drops_at_the_NAT_what_a_burst_sends_above_a_1_Mbit_cap()
    {
        await using var lab = await NetworkLab.StartAsync();
        await lab.ApplyAsync(Scenario.BandwidthCap(1_000_000));
        var sinkEndPoint = new IPEndPoint(IPAddress.Parse(NetworkLab.ServerAddress), SinkPort);
        using var sink = lab.Server.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(sinkEndPoint);
        using var sender = lab.Client.OpenSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        var payload = new byte[Size];
        for (var i = 0; i < Datagrams; i++)
        {
            sender.SendTo(payload, sinkEndPoint);
        }

        var received = await CountUntilQuietAsync(sink);
        var dropped = await DroppedAsync(lab);

        // 1 Mbit/s for 400 ms plus a 4 KiB bucket is about 54 KB: some 50 datagrams of 1,028 bytes.
        Assert.InRange(received, 1, 100);
        Assert.True(dropped >= Datagrams - received, "tc dropped " + dropped + " while " + received + " of " + Datagrams + " arrived");
    }

    /// <summary>Datagrams the sink receives until none has come for a second (at most 10 s in all).</summary>
    private static async Task<int> CountUntilQuietAsync(Socket sink)
    {
        var buffer = new byte[2048];
        var count = 0;
        using var limit = new CancellationTokenSource(Limit);
        while (!limit.IsCancellationRequested)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
            quiet.CancelAfter(Quiet);
            try
            {
                await sink.ReceiveAsync(buffer, SocketFlags.None, quiet.Token);
                count++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>What the token bucket on the NAT's public side dropped (<c>tc -s qdisc</c>).</summary>
    private static async Task<long> DroppedAsync(NetworkLab lab)
    {
        var run = await lab.Nat.CheckedAsync("tc", new[] { "-s", "qdisc", "show", "dev", "v-nat-pub", "root" }, TimeSpan.FromSeconds(10));
        var match = DroppedPattern().Match(run.StandardOutput);
        Assert.True(match.Success, "tc shows no drop count: " + run.StandardOutput);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"dropped (\d+)")]
    private static partial Regex DroppedPattern();
}
