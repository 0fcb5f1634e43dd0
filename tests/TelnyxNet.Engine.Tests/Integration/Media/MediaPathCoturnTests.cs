using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>The media path through a real coturn on loopback: every transport, the fallback from UDP, the second-allocation peer.</summary>
[Collection(MediaCoturnCollection.Name)]
public sealed class MediaPathCoturnTests
{
    private readonly MediaCoturnFixture _coturn;

    public MediaPathCoturnTests(MediaCoturnFixture coturn) => _coturn = coturn;

    private CoturnTurnServer Coturn => _coturn.Server;

    [Theory]
    [InlineData("turn:127.0.0.1:{0}?transport=udp", TransportProtocol.Udp)]
    [InlineData("turn:127.0.0.1:{0}?transport=tcp", TransportProtocol.Tcp)]
    public async Task Streams_through_the_relay_and_back_with_every_packet_measured(string uri, TransportProtocol transport)
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { string.Format(System.Globalization.CultureInfo.InvariantCulture, uri, Coturn.Port) }));

        MediaRun.AssertMeasured(result);
        Assert.Equal(transport.ToString(), result.Transport);
        Assert.Equal("LocalUdp", result.Peer);
        Assert.Equal(50, result.PacketsSent);
        Assert.Equal("Good", result.Quality);
        Assert.Empty(result.Findings);
        Assert.Empty(result.Remediation);
        Assert.Single(result.Samples);
        Assert.Equal(50, result.Samples[0].Sent);
        Assert.Equal("127.0.0.1", result.RelayedAddress);
    }
}
