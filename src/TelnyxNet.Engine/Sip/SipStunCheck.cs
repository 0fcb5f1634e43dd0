using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// The SIP ALG rule that needs a second witness: a STUN server asked from the very socket the OPTIONS
/// request leaves from (RFC 8489 §3: the XOR-MAPPED-ADDRESS is where the socket's datagrams come from
/// outside) says what a plain NAT makes of that socket; the proxy's <c>received</c>/<c>rport</c>
/// (RFC 3261 §18.2.1, RFC 3581 §4) say what it saw. A NAT rewrites headers of IP and UDP only, so
/// behind an endpoint-independent mapping (RFC 4787 §4.1) both must name the same address and port.
/// What only a device that rewrites SIP explains (<see cref="Compare"/>) is evidence; a difference a
/// plain NAT can explain (a mapping that depends on the destination, several public addresses) is only noted.
/// </summary>
internal static class SipStunCheck
{
    /// <summary>Asks the STUN server at <paramref name="stun"/> from <paramref name="client"/>'s socket within <paramref name="wait"/>; never throws but for cancellation.</summary>
    public static async Task<SipMapping> LearnAsync(StunUdpClient client, string stunServer, IPEndPoint? stun, string unresolved, RetransmissionPolicy policy, TimeSpan wait, IEngineLog log, CancellationToken cancellationToken)
    {
        if (stun is null)
        {
            return SipMapping.Unknown(stunServer, "Not compared with a STUN mapping: " + unresolved);
        }

        try
        {
            var outcome = await client.ExecuteAsync(BindingResponse.Request(), stun, policy, wait, cancellationToken, BindingResponse.Check).ConfigureAwait(false);
            var mapped = BindingResponse.MappedEndPoint(outcome.Response);
            log.Verbose("SIP: the STUN server " + stun + " sees this socket (" + client.LocalEndPoint + ") as " + mapped + ".");
            return new SipMapping(stunServer, stun.Address, mapped, string.Empty);
        }
        catch (ProbeException ex)
        {
            log.Verbose("SIP: no STUN mapping from " + stun + " for this socket: " + ex.Message);
            return SipMapping.Unknown(stunServer, "Not compared with a STUN mapping: the STUN server " + HostPortSyntax.Format(stun.Address.ToString(), stun.Port) + " gave this socket no answer (" + ex.Reason + ": " + ex.Message.TrimEnd('.') + ").");
        }
    }

    /// <summary>
    /// Holds what the proxy saw (<c>received</c>, else the sent-by host; <c>rport</c>) against the
    /// STUN mapping M of the same socket, whose local end is L. Evidence: M = L (no NAT translates this
    /// socket) yet the proxy saw something else; or M ≠ L yet the proxy names L's own address (only a
    /// SIP-aware device puts the inside address back); or the proxy saw a private address where the
    /// STUN server saw a public one. Only noted: agreement; a difference in port alone (a mapping that
    /// depends on the destination); another public address (a NAT with several); the STUN server and
    /// the proxy on different sides of a NAT (one private, one public), or no rport to compare.
    /// </summary>
    public static (string? Evidence, string Note) Compare(SipVia top, IPEndPoint local, SipMapping mapping, IPAddress proxy)
    {
        if (mapping.Mapped is not IPEndPoint mapped || mapping.StunAddress is not IPAddress stun)
        {
            return (null, mapping.Note);
        }

        var stunText = HostPortSyntax.Format(mapped.Address.ToString(), mapped.Port);
        var by = "the STUN server " + mapping.StunServer + " saw this socket as " + stunText;
        if (top.ReceivedPort is not int port)
        {
            return (null, "Not compared with the STUN mapping (" + by + "): the proxy put no rport= in the Via (RFC 3581).");
        }

        var host = top.Received.Length > 0 ? top.Received : top.Host;
        if (!IPAddress.TryParse(host, out var address))
        {
            return (null, "Not compared with the STUN mapping (" + by + "): the Via names no address (" + host + ").");
        }

        if (SipAlgEvidence.IsPrivate(stun) != SipAlgEvidence.IsPrivate(proxy))
        {
            return (null, "Not compared with the STUN mapping (" + by + "): the STUN server and the proxy are on different sides of a NAT (one private, one public).");
        }

        var seen = new IPEndPoint(Plain(address), port);
        var seenText = HostPortSyntax.Format(seen.Address.ToString(), seen.Port);
        var own = new IPEndPoint(Plain(local.Address), local.Port);
        var stunSees = new IPEndPoint(Plain(mapped.Address), mapped.Port);
        if (seen.Equals(stunSees))
        {
            return (null, "Agrees with the STUN mapping: the proxy and " + by + ".");
        }

        var rewritten = "The proxy saw this request come from " + seenText + " (received/rport), but " + by + " from the same socket";
        if (stunSees.Equals(own))
        {
            return (rewritten + ", its own address: no NAT translates this socket, so something on the path rewrote the Via's received/rport (a SIP ALG).", "Differs from the STUN mapping where no NAT explains it.");
        }

        if (seen.Address.Equals(own.Address))
        {
            return (rewritten + ": a NAT translates this socket, yet the proxy names this machine's own address " + own.Address + "; only a device that rewrites SIP puts the inside address back (a SIP ALG).", "Differs from the STUN mapping where no NAT explains it.");
        }

        if (SipAlgEvidence.IsPrivate(seen.Address) && !SipAlgEvidence.IsPrivate(stunSees.Address))
        {
            return (rewritten + ": a private address on the far side of a NAT whose public face is " + stunSees.Address + " comes only from a device that rewrote the Via (a SIP ALG).", "Differs from the STUN mapping where no NAT explains it.");
        }

        return seen.Address.Equals(stunSees.Address)
            ? (null, "Differs from the STUN mapping (" + by + ") in the port only (" + seen.Port.ToString(CultureInfo.InvariantCulture) + "): a NAT whose mapping depends on the destination (RFC 4787 §4.1) explains that.")
            : (null, "Differs from the STUN mapping (" + by + ") in the address (" + seen.Address + "): a NAT with several public addresses explains that.");
    }

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>What a STUN server said of one SIP request's socket, or why nothing was learned.</summary>
internal sealed class SipMapping
{
    public SipMapping(string stunServer, IPAddress? stunAddress, IPEndPoint? mapped, string note)
    {
        StunServer = stunServer;
        StunAddress = stunAddress;
        Mapped = mapped;
        Note = note;
    }

    /// <summary>The STUN server as given, with the address asked when there was one.</summary>
    public string StunServer { get; }

    public IPAddress? StunAddress { get; }

    /// <summary>The XOR-MAPPED-ADDRESS, or null.</summary>
    public IPEndPoint? Mapped { get; }

    /// <summary>Why there is no mapping (empty when there is).</summary>
    public string Note { get; }

    public static SipMapping Unknown(string stunServer, string note) => new(stunServer, null, null, note);
}
