using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Tests.Hostile;
using TelnyxNet.Engine.Tests.Support.Turn;

namespace TelnyxNet.Engine.Tests.Integration.Media;

/// <summary>
/// A real coturn, the engine's own peer, and a hostile twist on what the peer hears or sends:
/// silence, a black hole, duplicates, garbage of every shape, reordering, a flood, a third party.
/// Each run ends within its bound, counts exactly what happened, is never Succeeded on media that
/// did not come back, names its finding, deletes its allocation and leaves no socket open. The
/// hostile servers of the media path are <see cref="MediaHostileTests"/>.
/// </summary>
[Collection(MediaCoturnCollection.Name)]
public sealed class HostilePeerTests
{
    private const int Packets = 50;
    private readonly MediaCoturnFixture _coturn;

    public HostilePeerTests(MediaCoturnFixture coturn) => _coturn = coturn;

    private string Udp => "turn:127.0.0.1:" + _coturn.Server.Port;

    [Fact]
    public async Task A_peer_that_hears_but_never_answers_is_one_way_audio()
    {
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: _ => Array.Empty<byte[]>()));

        AssertNoMedia(result, "network_one_way_audio");
        Assert.Equal(Packets, result.Outbound!.Received);
        Assert.Equal(Packets, result.Inbound!.Sent);
        Assert.Equal(0, result.Inbound.Received);
        Assert.Contains("media flows one way only", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_that_never_reaches_the_peer_is_no_audio_flow()
    {
        var result = await RunAsync(HostilePeerSocket.Factory(hears: _ => false));

        AssertNoMedia(result, "network_no_audio_flow");
        Assert.Equal(0, result.Outbound!.Received);
        Assert.Equal(0, result.Inbound!.Sent);
        Assert.Contains("None of the " + Packets + " RTP packets", result.Message, StringComparison.Ordinal);
        Assert.Contains("turn.telnyx.com 3478", result.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_every_duplicate_once_and_never_as_received()
    {
        // Every echo but the last goes three times: the stream stops as soon as the last echo is back, and the copies before it are in by then.
        var echoes = 0;
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: d => ++echoes < Packets ? new[] { d, d, d } : new[] { d }));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(Packets, result.PacketsReceived);
        Assert.Equal(2 * (Packets - 1), result.Inbound!.Duplicated);
        Assert.Equal(2 * (Packets - 1), result.RoundTrip!.Duplicated);
        Assert.Equal(2 * (Packets - 1), result.Duplicated);
        Assert.Equal(0, result.LossPercent);
    }

    public static TheoryData<string> Garbage() => new() { "payload", "ssrc", "version", "truncated", "oversized", "sequence", "empty" };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Discards_echoes_that_are_not_the_streams_own_and_never_calls_that_media(string how)
    {
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: d => new[] { Spoil(d, how) }));

        AssertNoMedia(result, "network_one_way_audio");
        Assert.Equal(Packets, result.Discarded);
        Assert.Equal(0, result.PacketsReceived);
    }

    [Fact]
    public async Task Counts_pairs_swapped_on_the_way_back_as_reordered_on_that_leg_only()
    {
        byte[]? held = null;
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: d =>
        {
            if (held is null)
            {
                held = d;
                return Array.Empty<byte[]>();
            }

            var pair = new[] { d, held };
            held = null;
            return pair;
        }));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(Packets, result.PacketsReceived);
        Assert.Equal(Packets / 2, result.Inbound!.Reordered);
        Assert.Equal(Packets / 2, result.RoundTrip!.Reordered);
        Assert.Equal(0, result.Outbound!.Reordered);
        Assert.Equal(Packets / 2, result.Reordered);
    }

    [Fact]
    public async Task Ends_within_its_bound_under_a_flood_of_junk_and_counts_it()
    {
        var junk = Enumerable.Range(0, 20).Select(i => Enumerable.Repeat((byte)i, 172).ToArray()).ToArray();

        // The junk goes ahead of each echo, so that all of it is in when the last echo is.
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: d => junk.Append(d)));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(Packets, result.PacketsReceived);
        Assert.Equal(20 * Packets, result.Discarded);
    }

    [Fact]
    public async Task Discards_what_a_third_party_sends_to_the_relayed_address()
    {
        var result = await RunAsync(HostilePeerSocket.Factory(onSend: d => new[] { d, Spoil(d, "payload"), d }, stranger: true));

        Assert.True(result.Outcome == ProbeStatus.Succeeded, MediaRun.Describe(result));
        Assert.Equal(Packets, result.PacketsReceived);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(2 * Packets, result.Discarded);
    }

    private static byte[] Spoil(byte[] packet, string how)
    {
        var copy = (byte[])packet.Clone();
        switch (how)
        {
            case "payload":
                copy[171] ^= 0x55;
                return copy;
            case "ssrc":
                copy[8] ^= 0x01;
                return copy;
            case "version":
                copy[0] = 0x40;
                return copy;
            case "sequence":
                copy[3] ^= 0x10;
                return copy;
            case "truncated":
                return copy.Take(11).ToArray();
            case "oversized":
                return copy.Concat(new byte[1000]).ToArray();
            default:
                return Array.Empty<byte>();
        }
    }

    private static void AssertNoMedia(MediaPathQuality result, string code)
    {
        Assert.True(result.Outcome == ProbeStatus.Failed && result.Reason == FailureReason.RelayNotForwarding, MediaRun.Describe(result));
        Assert.Equal("Unknown", result.Quality);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal(nameof(FindingEffect.Blocked), finding.Effect);
        Assert.Equal(code, result.FindingCodes);
        Assert.StartsWith(finding.Remediation, result.Remediation, StringComparison.Ordinal);
        Assert.Null(result.RoundTripTimeMs);
        Assert.Null(result.EstimatedMos);
        Assert.Equal(Packets, result.PacketsSent);
        Assert.True(result.Deallocated == true, MediaRun.Describe(result));
        Assert.False(MediaPathProbe.Passed(new[] { result }));
    }

    /// <summary>
    /// One stream through the hostile peer, as the hostile suite runs a probe: bounded, and every
    /// socket it opened (the peer's included) closed when it returns.
    /// </summary>
    private async Task<MediaPathQuality> RunAsync(Func<System.Net.Sockets.AddressFamily, Engine.Transport.IDatagramSocket> peer)
    {
        var sockets = new TrackedSockets();
        var options = MediaRun.Options(new[] { Udp }, peerSocket: sockets.Peer(peer));
        options = new MediaPathOptions
        {
            Servers = options.Servers,
            Credential = options.Credential,
            Duration = options.Duration,
            Timeout = options.Timeout,
            OpenPeerSocket = options.OpenPeerSocket,
            OpenDatagramSocket = sockets.OpenDatagram,
            OpenStreamSocket = sockets.OpenStream,
        };
        // Set-up, the stream, the wait for its last echoes (at most 2 s), the clean-up and the suite's slack.
        var bound = options.Timeout + options.Duration + TimeSpan.FromSeconds(2) + options.CleanupTimeout + HostileSuite.Slack;
        var result = await MediaRun.OneAsync(options).WaitAsync(bound);
        Assert.True(sockets.LeftOpen == 0, sockets.LeftOpen + " of the " + sockets.Count + " sockets the stream opened are still open: " + MediaRun.Describe(result));
        return result;
    }
}
