using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Integration.Turn;
using TelnyxNet.Engine.Tests.Support;
using TelnyxNet.Engine.Tests.Support.Turn;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>The media path through a real coturn on loopback: every transport, UDP preferred, the fallback from UDP, the second-allocation peer, failures, and no allocation left behind.</summary>
[Collection(MediaCoturnCollection.Name)]
public sealed class MediaPathCoturnTests
{
    private readonly MediaCoturnFixture _coturn;

    public MediaPathCoturnTests(MediaCoturnFixture coturn) => _coturn = coturn;

    private CoturnTurnServer Coturn => _coturn.Server;

    private string HostPort => "127.0.0.1:" + Coturn.Port;

    [Theory]
    [InlineData("turn:127.0.0.1:{0}?transport=udp", TransportProtocol.Udp)]
    [InlineData("turn:127.0.0.1:{0}?transport=tcp", TransportProtocol.Tcp)]
    public async Task Streams_through_the_relay_and_back_with_every_packet_measured(string uri, TransportProtocol transport)
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { string.Format(System.Globalization.CultureInfo.InvariantCulture, uri, Coturn.Port) }));

        MediaRun.AssertMeasured(result);
        Assert.Equal(transport.ToString(), result.Transport);
        Assert.Equal(Coturn.Port, result.Port);
        Assert.Equal("LocalUdp", result.Peer);
        Assert.Equal(50, result.PacketsSent);
        Assert.Equal(0, result.Discarded);
        Assert.Equal(transport + " " + Coturn.Port + ": Succeeded", result.Attempts);
        var sample = Assert.Single(result.Samples);
        Assert.Equal(1, sample.Second);
        Assert.Equal(50, sample.Sent);
        Assert.Equal(50, sample.Received);
        Assert.Equal(0, sample.LossPercent);
        Assert.Equal("127.0.0.1", result.RelayedAddress);
        Assert.InRange(result.RelayedPort!.Value, Coturn.RelayPorts.Min, Coturn.RelayPorts.Max);
        Assert.True(result.RoundTrip!.DelayMs >= result.Outbound!.DelayMs, MediaRun.Describe(result));
        Assert.Equal(Math.Max(result.Outbound.DelayMs!.Value, result.Inbound!.DelayMs!.Value), result.RoundTripTimeMs);
        Assert.Equal(Math.Max(result.Outbound.JitterMs!.Value, result.Inbound.JitterMs!.Value), result.JitterMs);
    }

    [Fact]
    public async Task Streams_over_TLS_when_the_test_CA_is_trusted()
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { "turns:127.0.0.1:" + Coturn.TlsPort }, validation: Coturn.TrustTestCa));

        MediaRun.AssertMeasured(result);
        Assert.Equal(nameof(TransportProtocol.Tls), result.Transport);
        Assert.Equal(Coturn.TlsPort, result.Port);
    }

    [Fact]
    public async Task Streams_with_the_servers_own_iceServers_credential_over_the_tests()
    {
        var own = MediaRun.Parse("turn:" + HostPort + "?transport=udp").Select(s => s.WithCredential(Engine.Turn.TurnCredential.FromIceServer(MediaCoturnFixture.Alice.Name, Secrets.Secure(MediaCoturnFixture.Alice.Password)))).ToList();
        var options = MediaRun.Options(Array.Empty<string>(), credential: Engine.Turn.TurnCredential.FromPassword(MediaCoturnFixture.Alice.Name, Secrets.Secure("not-the-password")));
        options = new MediaPathOptions { Servers = own, Credential = options.Credential, Duration = options.Duration, Timeout = options.Timeout };

        var result = await MediaRun.OneAsync(options);

        MediaRun.AssertMeasured(result);
        Assert.Equal("IceServer", result.CredentialSource);
        Assert.Equal(MediaCoturnFixture.Alice.Name, result.Username);
    }

    [Fact]
    public async Task Prefers_UDP_of_a_plain_host_and_deletes_the_TCP_allocation_it_did_not_need()
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { HostPort }));

        MediaRun.AssertMeasured(result);
        Assert.Equal(nameof(TransportProtocol.Udp), result.Transport);
        Assert.Equal("Udp " + Coturn.Port + ": Succeeded", result.Attempts);
        Assert.Equal(0, await Coturn.Admin.WaitForAllocationCountAsync(0, MediaCoturnFixture.Alice.Name));
    }

    [Fact]
    public async Task Falls_back_to_TCP_when_UDP_is_refused_and_says_so()
    {
        var closed = FreePorts.Closed();

        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { "turn:127.0.0.1:" + closed + "?transport=udp", "turn:127.0.0.1:" + Coturn.Port + "?transport=tcp" }));

        MediaRun.AssertMeasured(result);
        Assert.Equal(nameof(TransportProtocol.Tcp), result.Transport);
        Assert.Equal("Udp " + closed + ": Refused, Tcp " + Coturn.Port + ": Succeeded", result.Attempts);
        Assert.Contains("Media went over TCP because Udp " + closed + ": Refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_relay_to_relay_through_a_second_allocation_when_UDP_from_this_machine_is_blocked()
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { "turn:127.0.0.1:" + Coturn.Port + "?transport=tcp" }, peerSocket: TurnProbeOptions.BlockedPeer));

        MediaRun.AssertMeasured(result);
        Assert.Equal("SecondAllocation", result.Peer);
        Assert.Contains("a second allocation", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Coturn.Admin.WaitForAllocationCountAsync(0, MediaCoturnFixture.Alice.Name));
    }

    [Fact]
    public async Task Reports_a_refused_credential_with_no_figures_and_no_media_finding()
    {
        var wrong = TurnProbeOptions.Credential(new TurnUser(MediaCoturnFixture.Alice.Name, "not-the-password"));

        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { HostPort }, credential: wrong));

        Assert.Equal(ProbeStatus.Failed, result.Outcome);
        Assert.Equal(FailureReason.AuthenticationFailed, result.Reason);
        Assert.Equal("Unknown", result.Quality);
        Assert.Equal(nameof(TransportProtocol.Udp), result.Transport);
        Assert.Equal("Udp " + Coturn.Port + ": AuthenticationFailed, Tcp " + Coturn.Port + ": AuthenticationFailed", result.Attempts);
        Assert.Contains("refused the credentials", result.Remediation, StringComparison.Ordinal);
        Assert.Null(result.RoundTripTimeMs);
        Assert.Null(result.EstimatedMos);
        Assert.Null(result.Deallocated);
        Assert.Empty(result.Findings);
        Assert.Empty(result.Samples);
        Assert.False(MediaPathProbe.Passed(new[] { result }));
    }

    [Fact]
    public async Task Reports_refused_when_nothing_listens_and_never_waits_for_the_timeout()
    {
        var result = await MediaRun.OneAsync(MediaRun.Options(new[] { "turn:127.0.0.1:" + FreePorts.Closed() + "?transport=udp" }));

        Assert.Equal(FailureReason.Refused, result.Reason);
        Assert.Contains("Allow outbound UDP", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measures_each_host_once_with_its_transports_together_in_the_order_given()
    {
        var options = MediaRun.Options(new[] { "turn:localhost:" + Coturn.Port + "?transport=tcp", "turn:127.0.0.1:" + Coturn.Port, "turn:LOCALHOST:" + Coturn.Port });
        options = new MediaPathOptions { Servers = options.Servers, Credential = options.Credential, Duration = options.Duration, AddressFamily = Engine.Dns.AddressFamilyPreference.IPv4 };

        var results = await MediaPathProbe.RunAsync(options, null, null, CancellationToken.None);

        Assert.Equal(new[] { "localhost", "127.0.0.1" }, results.Select(r => r.Server));
        Assert.All(results, MediaRun.AssertMeasured);
        Assert.Equal("Udp " + Coturn.Port + ": Succeeded", results[0].Attempts);
    }

    [Fact]
    public async Task Reports_progress_each_second()
    {
        var progress = new Probes.CollectingProgress();

        var results = await MediaPathProbe.RunAsync(MediaRun.Options(new[] { "turn:" + HostPort }, seconds: 2), null, progress, CancellationToken.None);

        MediaRun.AssertMeasured(results[0]);
        Assert.Contains(progress.Reports, p => p.Status.StartsWith("Streaming through 127.0.0.1:" + Coturn.Port + "/Udp: 1 of 2 s", StringComparison.Ordinal));
        Assert.True(progress.Reports[^1].Completed);
        Assert.Equal(2, results[0].Samples.Count);
    }
}
