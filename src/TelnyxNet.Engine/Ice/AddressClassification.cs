using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// The address classes of candidates, as one table of prefixes (first match wins; no match is
/// <see cref="AddressClass.Global"/>): loopback, link-local (RFC 3927, RFC 4291 §2.5.6), RFC 1918
/// private, RFC 6598 shared (CGNAT) and RFC 4193 unique local addresses.
/// </summary>
internal static class AddressClassification
{
    private static readonly (AddressClass Class, IPAddress Network, int PrefixLength)[] Table =
    {
        (AddressClass.Loopback, IPAddress.Parse("127.0.0.0"), 8),
        (AddressClass.Loopback, IPAddress.IPv6Loopback, 128),
        (AddressClass.LinkLocal, IPAddress.Parse("169.254.0.0"), 16),
        (AddressClass.LinkLocal, IPAddress.Parse("fe80::"), 10),
        (AddressClass.Private, IPAddress.Parse("10.0.0.0"), 8),
        (AddressClass.Private, IPAddress.Parse("172.16.0.0"), 12),
        (AddressClass.Private, IPAddress.Parse("192.168.0.0"), 16),
        (AddressClass.Cgnat, IPAddress.Parse("100.64.0.0"), 10),
        (AddressClass.Ula, IPAddress.Parse("fc00::"), 7),
    };

    /// <summary>The class of <paramref name="address"/> (IPv4-mapped IPv6 addresses are classed as IPv4).</summary>
    public static AddressClass Classify(IPAddress address)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var (kind, network, length) in Table)
        {
            if (InPrefix(plain, network, length))
            {
                return kind;
            }
        }

        return AddressClass.Global;
    }

    /// <summary>True when <paramref name="address"/> lies in <paramref name="network"/>/<paramref name="prefixLength"/> (same family only).</summary>
    public static bool InPrefix(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var bit = 0; bit < prefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for IPv6.</summary>
    public static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6;
}
