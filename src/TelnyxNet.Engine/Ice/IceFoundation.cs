using System.Globalization;
using System.Net;
using System.Text;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The foundation, RFC 8445 §5.1.1.3: candidates share one exactly when they have the same type,
/// the same base IP address, the same STUN or TURN server IP address (for server-reflexive and
/// relayed candidates) and the same transport protocol (for relayed candidates also the transport
/// to the TURN server). TelnyxNet writes it, as browsers do, as the decimal CRC-32 (ISO-HDLC) of
/// <c>type|base|server|protocol|relay protocol</c>: 1 to 10 digits, within SDP's 1*32 ice-char.
/// </summary>
internal static class IceFoundation
{
    /// <summary>The text hashed into the foundation.</summary>
    public static string Key(IceCandidateType type, IPAddress baseAddress, IPAddress? server, string protocol, TransportProtocol? relayProtocol) =>
        type.ToString().ToLowerInvariant() + "|" + baseAddress + "|" + (server?.ToString() ?? string.Empty) + "|" + protocol + "|" + (relayProtocol?.ToString().ToLowerInvariant() ?? string.Empty);

    /// <summary>The foundation of a candidate with these properties.</summary>
    public static string Compute(IceCandidateType type, IPAddress baseAddress, IPAddress? server, string protocol, TransportProtocol? relayProtocol)
    {
        var bytes = Encoding.UTF8.GetBytes(Key(type, baseAddress, server, protocol, relayProtocol));
        return Crc32.Compute(bytes, 0, bytes.Length).ToString(CultureInfo.InvariantCulture);
    }
}
