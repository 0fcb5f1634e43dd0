namespace TelnyxNet.Engine.Diagnosis;

/// <summary>The SDK's network codes (<c>PreCallDiagnostic/modules/network.ts</c>): quality of the media path.</summary>
public static partial class FindingCodes
{
    /// <summary>Round-trip time at or above the SDK's degraded threshold (300 ms).</summary>
    public static readonly FindingCode NetworkHighRtt = Sdk("network_high_rtt", FindingEffect.Degraded, "network",
        "Round trips this long make conversation awkward: use a wired connection, keep the call off a VPN (split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com), and prefer UDP to TURN over TCP.");

    /// <summary>Jitter at or above the SDK's degraded threshold (30 ms).</summary>
    public static readonly FindingCode NetworkHighJitter = Sdk("network_high_jitter", FindingEffect.Degraded, "network",
        "Uneven packet timing breaks up audio: look for Wi-Fi interference, a saturated uplink, or a VPN or proxy on the path; give real-time traffic priority (QoS).");

    /// <summary>Packet loss at or above the SDK's degraded threshold (2 %).</summary>
    public static readonly FindingCode NetworkPacketLoss = Sdk("network_packet_loss", FindingEffect.Degraded, "network",
        "Lost packets cut words out: check the link (Wi-Fi signal, a congested uplink, a lossy VPN) and that the firewall does not rate-limit UDP.");

    /// <summary>Estimated MOS or the thresholds' poor bands: calls would be unusable.</summary>
    public static readonly FindingCode NetworkPoorQuality = Sdk("network_poor_quality", FindingEffect.Blocked, "network",
        "The path is too poor for calls (RTT ≥ 500 ms, jitter ≥ 100 ms or loss ≥ 5 %): fix the link, leave the VPN, or move to a wired network before placing calls.");

    /// <summary>Quality is fair, not good: a warning.</summary>
    public static readonly FindingCode NetworkFairQuality = Sdk("network_fair_quality", FindingEffect.Warning, "network",
        "Calls work, but quality is only fair: see the RTT, jitter and loss figures for which one to improve.");

    /// <summary>No media came back at all.</summary>
    public static readonly FindingCode NetworkNoAudioFlow = Sdk("network_no_audio_flow", FindingEffect.Blocked, "network",
        "No media flowed through the relay: allow outbound UDP to turn.telnyx.com 3478 and its relay ports (49152–65535), or TCP/TLS 443 for TURN, and check that no firewall rule, UDP rate limit or inspection of RTP drops call media.");

    /// <summary>Media flowed one way only.</summary>
    public static readonly FindingCode NetworkOneWayAudio = Sdk("network_one_way_audio", FindingEffect.Blocked, "network",
        "Media flowed one way only: a firewall lets traffic out but not back in (or the reverse). Allow the RTP range 16384–32768/UDP both ways and the TURN relay ports (49152–65535/UDP), and check for a stateful firewall or NAT that drops the answers of long UDP flows.");
}
