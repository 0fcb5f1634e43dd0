using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Lab;

/// <summary>
/// What ICE gathering and NAT behaviour tests add to a lab: interfaces in the client namespace
/// named like VPNs and container bridges, an IPv6 unique local address, a carrier-grade NAT
/// address on the NAT's outside, short UDP mappings, and the engine's bound sockets there. All of
/// it lives in the lab's own namespaces and goes with them.
/// </summary>
public static class NetworkLabIce
{
    /// <summary>The shared address (RFC 6598) the NAT uses outside with <see cref="UseCarrierGradeNatAsync"/>.</summary>
    public const string CarrierGradeNatAddress = "100.64.0.1";

    /// <summary>The IPv6 unique local address <see cref="AddClientIpv6Async"/> gives the client.</summary>
    public const string ClientUlaAddress = "fd00:1::2";

    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Adds an interface named <paramref name="name"/> (wg0, tun0, docker0 …) with
    /// <paramref name="address"/> (CIDR) to the client namespace: a Linux bridge without ports,
    /// which is up and carries an address like the real thing, and is connected to nothing.
    /// </summary>
    public static async Task AddClientInterfaceAsync(this NetworkLab lab, string name, string address)
    {
        ArgumentNullException.ThrowIfNull(lab);
        await lab.Client.CheckedAsync("ip", new[] { "link", "add", name, "type", "bridge" }, CommandLimit).ConfigureAwait(false);
        await lab.Client.CheckedAsync("ip", new[] { "addr", "add", address, "dev", name }, CommandLimit).ConfigureAwait(false);
        await lab.Client.CheckedAsync("ip", new[] { "link", "set", name, "up" }, CommandLimit).ConfigureAwait(false);
    }

    /// <summary>Gives the client's LAN interface the unique local address <see cref="ClientUlaAddress"/>/64 (no duplicate detection, so it is usable at once).</summary>
    public static Task AddClientIpv6Async(this NetworkLab lab) =>
        (lab ?? throw new ArgumentNullException(nameof(lab))).Client.CheckedAsync("ip", new[] { "-6", "addr", "add", ClientUlaAddress + "/64", "dev", "v-cli", "nodad" }, CommandLimit);

    /// <summary>
    /// Puts the NAT behind a carrier-grade NAT as the servers see it: its outside translates to
    /// <see cref="CarrierGradeNatAddress"/> (100.64.0.0/10, RFC 6598), which the server namespace
    /// routes back on the same link. Apply after the scenario (a scenario resets the NAT's rules).
    /// </summary>
    public static async Task UseCarrierGradeNatAsync(this NetworkLab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        await lab.Nat.CheckedAsync("ip", new[] { "addr", "add", CarrierGradeNatAddress + "/10", "dev", "v-nat-pub" }, CommandLimit).ConfigureAwait(false);
        await lab.NatIptablesAsync("-t", "nat", "-I", "POSTROUTING", "1", "-o", "v-nat-pub", "-j", "SNAT", "--to-source", CarrierGradeNatAddress).ConfigureAwait(false);
        await lab.Server.CheckedAsync("ip", new[] { "route", "add", "100.64.0.0/10", "dev", "v-srv" }, CommandLimit).ConfigureAwait(false);
    }

    /// <summary>Makes the NAT forget UDP mappings after <paramref name="seconds"/> idle (conntrack's UDP timeouts, in the NAT namespace only).</summary>
    public static async Task ShortenUdpMappingsAsync(this NetworkLab lab, int seconds)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var value = seconds.ToString(CultureInfo.InvariantCulture);
        foreach (var name in new[] { "net.netfilter.nf_conntrack_udp_timeout", "net.netfilter.nf_conntrack_udp_timeout_stream" })
        {
            await lab.Nat.CheckedAsync("sysctl", new[] { "-qw", name + "=" + value }, CommandLimit).ConfigureAwait(false);
        }
    }

    /// <summary>The engine's unconnected UDP socket bound to <paramref name="local"/> in the client namespace: for <c>ProbeOptions.OpenBoundDatagramSocket</c>.</summary>
    public static IDatagramSocket OpenClientBoundSocket(this NetworkLab lab, IPEndPoint local)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(local);
        return UnconnectedUdpSocket.Bind(lab.Client.OpenSocket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp), local);
    }

    /// <summary>A TCP socket in the client namespace: for <c>ProbeOptions.OpenStreamSocket</c>.</summary>
    public static Socket OpenClientStreamSocket(this NetworkLab lab, AddressFamily family) =>
        (lab ?? throw new ArgumentNullException(nameof(lab))).Client.OpenSocket(family, SocketType.Stream, ProtocolType.Tcp);
}
