using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Measure-TelnyxMediaPath's probe against Test-TelnyxTurn's hostile TURN servers (the cases of
/// <see cref="TurnHostileTests"/>, see <see cref="HostileSuite"/>): the media path is set up
/// through the same TURN session, so a hostile server must end it as soon, with the same reason,
/// blaming the same server (the alternate after a followed redirect) and leaving nothing behind.
/// Hostile peers of the stream itself are Integration.Media.HostilePeerTests, against a real coturn.
/// </summary>
public sealed class MediaHostileTests
{
    public static TheoryData<string> UdpNames => TurnHostileTests.UdpNames;

    public static TheoryData<string> TcpNames => TurnHostileTests.TcpNames;

    [Theory]
    [MemberData(nameof(UdpNames))]
    public Task Udp(string name) => HostileSuite.RunAsync(HostileSuite.Find(TurnHostileTests.UdpCases, name), Probe("?transport=udp"));

    [Theory]
    [MemberData(nameof(TcpNames))]
    public Task Tcp(string name) => HostileSuite.RunAsync(HostileSuite.Find(TurnHostileTests.TcpCases, name), Probe("?transport=tcp"));

    private static Func<string, TrackedSockets, TimeSpan, Task<IProbeResult>> Probe(string query) => async (server, sockets, timeout) =>
    {
        var result = Assert.Single(await MediaPathProbe.RunAsync(
            new MediaPathOptions
            {
                Servers = new[] { TurnRun.Server("turn:" + server + query) },
                Credential = TurnCredential.TelnyxDefault,
                Timeout = timeout,
                CleanupTimeout = TimeSpan.FromMilliseconds(500),
                Duration = TimeSpan.FromSeconds(1),
                Retransmission = TurnHostileTests.Rto100,
                OpenDatagramSocket = sockets.OpenDatagram,
                OpenStreamSocket = sockets.OpenStream,
                OpenPeerSocket = sockets.OpenPeer,
            },
            null,
            null,
            CancellationToken.None));
        Assert.Equal(0, result.PacketsSent);
        Assert.Equal("Unknown", result.Quality);
        Assert.False(MediaPathProbe.Passed(new[] { result }));
        return result;
    };
}
