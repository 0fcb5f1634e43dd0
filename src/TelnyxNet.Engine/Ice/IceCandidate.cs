using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// One ICE candidate (RFC 8445 §5.1) as a browser would gather it from this machine: its type
/// (host, srflx, relay), address, RFC 8445 priority and foundation, the interface it was gathered
/// on and what kind of adapter that is, and the SDP <c>candidate</c> line (RFC 8839 §5.1). Flat
/// scalar properties, so that Export-Csv gives a useful sheet. prflx candidates appear only
/// during connectivity checks with a peer and are never gathered.
/// </summary>
public sealed class IceCandidate
{
    internal IceCandidate()
    {
    }

    /// <summary>The name of the machine that gathered it.</summary>
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>host, srflx or relay (RFC 8839 cand-type).</summary>
    public string Type => Kind.ToString().ToLowerInvariant();

    /// <summary>The candidate's transport: udp (a relay candidate's relayed leg is always UDP; see <see cref="RelayProtocol"/>).</summary>
    public string Protocol { get; internal set; } = "udp";

    /// <summary>The candidate's IP address (IPv6 without brackets).</summary>
    public string Address { get; internal set; } = string.Empty;

    /// <summary>The candidate's port.</summary>
    public int Port { get; internal set; }

    /// <summary>The RFC 8445 §5.1.2 priority.</summary>
    public long Priority { get; internal set; }

    /// <summary>The RFC 8445 §5.1.1.3 foundation.</summary>
    public string Foundation { get; internal set; } = string.Empty;

    /// <summary>The component ID: 1 (RTP; WebRTC multiplexes RTCP on it).</summary>
    public int Component { get; internal set; } = IcePriority.Component;

    /// <summary>The related address (RFC 8839 raddr): the base for srflx, the mapped address for relay; empty for host.</summary>
    public string RelatedAddress { get; internal set; } = string.Empty;

    /// <summary>The related port (rport); empty for host.</summary>
    public int? RelatedPort { get; internal set; }

    /// <summary>The interface the candidate's base is on (eth0, en0, "vEthernet (WSL)" …).</summary>
    public string Interface { get; internal set; } = string.Empty;

    /// <summary>That interface's adapter description.</summary>
    public string InterfaceDescription { get; internal set; } = string.Empty;

    /// <summary>Physical, Vpn, ContainerBridge, VirtualSwitch, Loopback or Unknown.</summary>
    public string AdapterKind => AdapterKindValue.ToString();

    /// <summary>The classification rule that decided <see cref="AdapterKind"/> (empty when no rule matched).</summary>
    public string AdapterRule { get; internal set; } = string.Empty;

    /// <summary>The class of <see cref="Address"/>: Global, Private, Cgnat, LinkLocal, Ula or Loopback.</summary>
    public string AddressClass => AddressClassValue.ToString();

    /// <summary>The STUN or TURN server that gave a srflx or relay candidate (its URI); empty for host.</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>For relay candidates, the transport to the TURN server (udp, tcp, tls), as browsers' relayProtocol; empty otherwise.</summary>
    public string RelayProtocol => RelayTransport?.ToString().ToLowerInvariant() ?? string.Empty;

    /// <summary>Milliseconds from the start of gathering to this candidate.</summary>
    public double GatheredAfterMs { get; internal set; }

    /// <summary>The SDP candidate attribute value exactly as RFC 8839 §5.1 writes it (without "a=").</summary>
    public string CandidateLine => IceCandidateLine.Format(this);

    /// <summary>The type as the engine's enum.</summary>
    internal IceCandidateType Kind { get; set; }

    /// <summary>The adapter kind as the engine's enum.</summary>
    internal AdapterKind AdapterKindValue { get; set; }

    /// <summary>The address class as the engine's enum.</summary>
    internal AddressClass AddressClassValue { get; set; }

    /// <summary>The transport to the TURN server of a relay candidate.</summary>
    internal TransportProtocol? RelayTransport { get; set; }

    /// <summary>The candidate's base (RFC 8445 §5.1.1.2): the host address and port it was gathered from.</summary>
    internal IPEndPoint? Base { get; set; }

    /// <summary>The SDP line: <c>a=</c> and <see cref="CandidateLine"/> (RFC 8866 §5.13, RFC 8839 §5.1).</summary>
    public string ToSdpLine() => IceCandidateLine.AttributePrefix + CandidateLine;

    /// <inheritdoc />
    public override string ToString() => CandidateLine;
}
