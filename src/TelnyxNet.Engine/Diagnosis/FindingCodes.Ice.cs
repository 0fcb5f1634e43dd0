namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// ICE gathering: the SDK's ICE codes (<c>PreCallDiagnostic/modules/verdict.ts</c>) with their
/// effects, and TelnyxNet's for what the SDK cannot see (container bridges, carrier-grade NAT,
/// IPv6, UDP blocked).
/// </summary>
public static partial class FindingCodes
{
    /// <summary>No candidate at all: no interface is up with a usable address. The SDK calls it inconclusive.</summary>
    public static readonly FindingCode IceNoCandidates = Sdk("ice_no_candidates", FindingEffect.Inconclusive, "ice",
        "Connect this machine to a network: no interface is up with an address a call could use.");

    /// <summary>Host candidates only: no STUN server and no TURN server answered (error 701). Degraded, as the SDK rates it before a call connects.</summary>
    public static readonly FindingCode IceOnlyHostCandidates = Sdk("ice_only_host_candidates", FindingEffect.Degraded, "ice",
        "STUN fails (error 701) and TURN fails: allow outbound UDP to stun.telnyx.com:3478 and turn.telnyx.com:3478, and TCP/443 to turn.telnyx.com; on a corporate VPN, split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com. If both STUN and TURN are blocked, calls cannot connect.");

    /// <summary>Only relayed candidates can carry media (no srflx, or the NAT maps per destination).</summary>
    public static readonly FindingCode IceTurnRequired = Sdk("ice_turn_required", FindingEffect.Degraded, "ice",
        "Media must go through TURN: keep UDP 3478 and TCP/TLS 443 to turn.telnyx.com open. As a last resort, create calls with forceRelayCandidate: true to skip direct connectivity attempts.");

    /// <summary>Gathering did not complete within the timeout: some server never answered from some interface.</summary>
    public static readonly FindingCode IceGatheringTimeout = Sdk("ice_gathering_timeout", FindingEffect.Degraded, "ice",
        "A server did not answer from every interface before the gathering timeout: a firewall or VPN drops the traffic of that interface, or the interface has no route out. Calls start slower while the browser waits.");

    /// <summary>A configured server gave no candidate and no error (silence).</summary>
    public static readonly FindingCode IceServerNoCandidates = Sdk("ice_server_no_candidates", FindingEffect.Warning, "ice",
        "Nothing came back from this server: a firewall or VPN drops the traffic to it. Allow outbound UDP (and TCP/TLS 443 for TURN) to it.");

    /// <summary>A configured server failed: it refused, answered with an error, or could not be resolved or reached.</summary>
    public static readonly FindingCode IceServerFailed = Sdk("ice_server_failed", FindingEffect.Degraded, "ice",
        "The server failed: see the message for why (refused, an error response, a credential it does not accept, a name that does not resolve) and fix that server or its firewall rule.");

    /// <summary>Two or more host addresses: ICE has to try them all, and the wrong one may win.</summary>
    public static readonly FindingCode IceMultipleInterfaces = Sdk("ice_multiple_interfaces", FindingEffect.Warning, "ice",
        "Several interfaces offer candidates: if calls pick the wrong one (a VPN, a virtual switch, a container bridge), disable the interfaces calls should not use, or split-tunnel rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com.");

    /// <summary>A host candidate is on a VPN adapter.</summary>
    public static readonly FindingCode IceVpnDetected = Sdk("ice_vpn_detected", FindingEffect.Warning, "ice",
        "Corporate VPN: calls may fail or have poor quality through it. Whitelist rtc.telnyx.com, stun.telnyx.com and turn.telnyx.com in the VPN's split-tunnelling configuration, and make sure the VPN does not block UDP to the TURN servers.");

    /// <summary>A host candidate is on a container bridge (docker0, br-*, veth*, cni*).</summary>
    public static readonly FindingCode IceContainerBridge = Own("ice_container_bridge", FindingEffect.Warning, "ice",
        "Docker's bridge networks (172.x or 10.x) interfere with ICE candidate gathering: run the calling container with --network host, or configure the Docker network to use the host's network stack.");

    /// <summary>A host or server-reflexive address in 100.64.0.0/10: a carrier-grade NAT is on the path.</summary>
    public static readonly FindingCode IceCgnat = Own("ice_cgnat", FindingEffect.Warning, "ice",
        "A carrier-grade NAT (RFC 6598 shared address space) is on the path: its mappings often vary by destination and expire fast, so peers may not reach srflx candidates. Make sure TURN works (UDP 3478 and TCP/TLS 443 to turn.telnyx.com), or ask the provider for a public IPv4 address or IPv6.");

    /// <summary>No global or unique-local IPv6 host candidate.</summary>
    public static readonly FindingCode IceNoIpv6 = Own("ice_no_ipv6", FindingEffect.Warning, "ice",
        "Not a fault on its own: calls use IPv4 (stun.telnyx.com has no IPv6 address). On an IPv6-only or NAT64 network, enable IPv4 or a 464XLAT/CLAT so STUN and TURN keep working.");

    /// <summary>Relay candidates came only over TCP or TLS: UDP is blocked on the way out.</summary>
    public static readonly FindingCode IceUdpBlocked = Own("ice_udp_blocked", FindingEffect.Degraded, "ice",
        "UDP is blocked: TURN over TCP works, with higher latency. Allow outbound UDP to stun.telnyx.com:3478 and turn.telnyx.com:3478 (and the relay ports 49152–65535) for better call quality.");
}
