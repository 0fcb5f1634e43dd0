using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Turn;

/// <summary>
/// Whether a 300 Try Alternate's ALTERNATE-SERVER (RFC 8489 §10, §14.15) may be followed. The
/// redirect arrives before any credential is checked, so anyone on the path can forge it: an
/// alternate that cannot be a server, that leads back to the same server, or that turns a test
/// of a remote server into one of this machine is not followed, and the reason is reported.
/// </summary>
internal static class AlternateServerCheck
{
    private static readonly (Func<IPEndPoint, IPEndPoint, bool> Fails, string Why)[] Rules =
    {
        ((alternate, _) => alternate.Port == 0, "port 0 is no server port"),
        ((alternate, _) => alternate.Address.Equals(IPAddress.Any) || alternate.Address.Equals(IPAddress.IPv6Any), "an unspecified address (0.0.0.0 or ::) is no server"),
        ((alternate, _) => IsMulticastOrBroadcast(alternate.Address), "a multicast or broadcast address is no server"),
        ((alternate, current) => alternate.Address.AddressFamily != current.Address.AddressFamily, "its address family differs from the server's (RFC 8489 §14.15)"),
        ((alternate, current) => Same(alternate, current), "it is the server itself: a redirect loop"),
        ((alternate, current) => IPAddress.IsLoopback(alternate.Address) && !IPAddress.IsLoopback(current.Address), "a remote server cannot send the test to this machine's loopback"),
    };

    /// <summary>Why <paramref name="alternate"/> is not followed from <paramref name="current"/>, or null when it may be.</summary>
    public static string? WhyNotFollowed(IPEndPoint alternate, IPEndPoint current)
    {
        foreach (var (fails, why) in Rules)
        {
            if (fails(alternate, current))
            {
                return why;
            }
        }

        return null;
    }

    private static bool Same(IPEndPoint a, IPEndPoint b) => a.Port == b.Port && Normalize(a.Address).Equals(Normalize(b.Address));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsMulticastOrBroadcast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? address.IsIPv6Multicast
            : (address.GetAddressBytes()[0] & 0xF0) == 0xE0 || address.Equals(IPAddress.Broadcast);
}
