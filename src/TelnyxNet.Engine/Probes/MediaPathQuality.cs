using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Media;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The quality a call's media would get through one TURN relay, measured with an RTP stream shaped
/// like a G.711 call (PCMU, 20 ms, 50 packets a second) sent through the relay to a peer on this
/// machine that echoes it: the SDK's figures (RTT, jitter, loss), its estimated MOS and quality
/// words, the seed's RTT band, its network codes as <see cref="Findings"/>, and each leg's figures.
/// <para>
/// The stream leaves this machine, goes up to the relay and comes back down to the peer, so each
/// leg crosses this machine's network the way a call's round trip through the relay does; the
/// headline figures (<see cref="RoundTripTimeMs"/>, <see cref="JitterMs"/>, <see cref="LossPercent"/>)
/// are those of the worse leg, what a call would see; the stream's own round trip, which crosses
/// it twice, is <see cref="RoundTrip"/>. Flat scalar properties first, so that Export-Csv gives a useful sheet.
/// </para>
/// </summary>
public sealed class MediaPathQuality : IProbeResult
{
    internal MediaPathQuality()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The TURN server host as given (name or address).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The port of the transport the stream went over (or, on failure, of the transport whose failure is reported).</summary>
    public int Port { get; internal set; }

    /// <summary>Udp, Tcp or Tls: the control connection the stream went over (the relayed leg is always UDP).</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when the stream went through the relay and came back; Failed when no relay could be set up or no media came back.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Why it failed (the TURN reasons; RelayNotForwarding when media did not flow both ways); None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>Good, Fair or Poor by the SDK's thresholds (RTT 300/500 ms, jitter 30/100 ms, loss 2/5 %: the worst figure decides); Unknown when nothing came back.</summary>
    public string Quality => QualityLevel.ToString();

    /// <summary>The SDK's estimated MOS (1 to 5; 4.41 at best for G.711) from RTT, jitter and loss.</summary>
    public double? EstimatedMos { get; internal set; }

    /// <summary>The SDK's word for the MOS: Excellent, Good, Fair, Poor or Bad (a score in the SDK's gaps takes the band below).</summary>
    public string MosQuality { get; internal set; } = string.Empty;

    /// <summary>The seed's RTT band: Excellent (&lt; 100 ms), Good (&lt; 150), Acceptable (&lt; 300) or Poor.</summary>
    public string RttBand { get; internal set; } = string.Empty;

    /// <summary>The round trip a call through this relay would see, in milliseconds: the average transit of the slower leg (up to the relay and back down).</summary>
    public double? RoundTripTimeMs { get; internal set; }

    /// <summary>The fastest packet on that leg.</summary>
    public double? MinRoundTripTimeMs { get; internal set; }

    /// <summary>The 95th percentile on that leg (nearest rank).</summary>
    public double? P95RoundTripTimeMs { get; internal set; }

    /// <summary>The slowest packet on that leg.</summary>
    public double? MaxRoundTripTimeMs { get; internal set; }

    /// <summary>RFC 3550 interarrival jitter of the leg with more jitter, averaged over the seconds as the SDK averages its one-second samples, in milliseconds.</summary>
    public double? JitterMs { get; internal set; }

    /// <summary>Packet loss of the leg that lost more, in percent.</summary>
    public double? LossPercent { get; internal set; }

    /// <summary>The longest run of consecutive packets lost on either leg.</summary>
    public int? BurstLoss { get; internal set; }

    /// <summary>Packets that arrived out of order, on the leg with more.</summary>
    public int? Reordered { get; internal set; }

    /// <summary>Extra copies that arrived, on the leg with more.</summary>
    public int? Duplicated { get; internal set; }

    /// <summary>Packets more than 60 ms behind the fastest one (a 60 ms jitter buffer would discard them), on the leg with more.</summary>
    public int? Late { get; internal set; }

    /// <summary>RTP packets sent.</summary>
    public int PacketsSent { get; internal set; }

    /// <summary>Of those, how many came back the whole way.</summary>
    public int PacketsReceived { get; internal set; }

    /// <summary>The codes of <see cref="Findings"/>, comma-separated, for CSV.</summary>
    public string FindingCodes { get; internal set; } = string.Empty;

    /// <summary>The far end: LocalUdp (a UDP socket on this machine) or SecondAllocation (a second allocation, when UDP from this machine cannot reach the relay); empty when no path was set up.</summary>
    public string Peer { get; internal set; } = string.Empty;

    /// <summary>The server address the stream went through (empty when the name did not resolve).</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's address of the control connection.</summary>
    public string LocalAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port of the control connection.</summary>
    public int? LocalPort { get; internal set; }

    /// <summary>The relayed address (XOR-RELAYED-ADDRESS) the peer sent to.</summary>
    public string RelayedAddress { get; internal set; } = string.Empty;

    /// <summary>The relayed port.</summary>
    public int? RelayedPort { get; internal set; }

    /// <summary>Every transport tried, in preference order (UDP first), and how it went, e.g. "Udp 3478 Timeout, Tcp 443 Succeeded".</summary>
    public string Attempts { get; internal set; } = string.Empty;

    /// <summary>How long the stream was meant to last, in seconds.</summary>
    public double DurationSeconds { get; internal set; }

    /// <summary>PCMU (G.711 μ-law, RTP payload type 0).</summary>
    public string Codec { get; internal set; } = PcmuStream.Codec;

    /// <summary>Milliseconds between packets: 20.</summary>
    public int PacketIntervalMs { get; internal set; } = (int)PcmuStream.Interval.TotalMilliseconds;

    /// <summary>Bytes of payload per packet: 160.</summary>
    public int PayloadBytes { get; internal set; } = PcmuStream.PayloadLength;

    /// <summary>The stream's RTP synchronization source, in hex (0x…): to find it in a packet capture.</summary>
    public string Ssrc { get; internal set; } = string.Empty;

    /// <summary>The longest any packet left after its slot (the timers of this machine; delays are measured from the real send times).</summary>
    public double? MaxSendLagMs { get; internal set; }

    /// <summary>Datagrams that reached either end but were not the stream's own packets (foreign, forged, altered, truncated) and were thrown away.</summary>
    public int Discarded { get; internal set; }

    /// <summary>True when every allocation made was deleted; null when none was made.</summary>
    public bool? Deallocated { get; internal set; }

    /// <summary>Where the credential came from: Default, Credential or SharedSecret.</summary>
    public string CredentialSource { get; internal set; } = string.Empty;

    /// <summary>The user name sent; never the password.</summary>
    public string Username { get; internal set; } = string.Empty;

    /// <summary>This machine → relay → peer.</summary>
    public MediaLegStatistics? Outbound { get; internal set; }

    /// <summary>Peer → relay → this machine.</summary>
    public MediaLegStatistics? Inbound { get; internal set; }

    /// <summary>The stream's own round trip (both legs).</summary>
    public MediaLegStatistics? RoundTrip { get; internal set; }

    /// <summary>One entry per second of the stream, for plots.</summary>
    public IReadOnlyList<MediaPathSample> Samples { get; internal set; } = Array.Empty<MediaPathSample>();

    /// <summary>The SDK's network codes this measurement produced, with their effect on a verdict (Blocked, Degraded, Warning) and what to do.</summary>
    public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

    /// <summary>What happened, in a sentence or two.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it (empty when the quality is good).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the measurement started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <summary>The quality as the engine's enum.</summary>
    internal MediaQuality QualityLevel { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        StunServerAddress.FormatHostPort(Server, Port) + "/" + Transport + " " + Status + (Outcome == ProbeStatus.Succeeded ? " " + Quality : " " + FailureReason);
}
