using System.IO;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Engine.Dns;

/// <summary>
/// The DNS resolvers this machine is configured with: on Linux and other Unix systems the
/// <c>nameserver</c> lines of /etc/resolv.conf (which <c>ip netns exec</c> replaces with
/// /etc/netns/&lt;namespace&gt;/resolv.conf, so a network namespace has its own); on Windows the
/// DNS servers of the interfaces that are up (System.Net.NetworkInformation). Never throws: a
/// machine whose configuration cannot be read has no resolvers, which the probes report.
/// </summary>
public static class SystemDnsServers
{
    private const string ResolvConfPath = "/etc/resolv.conf";

    /// <summary>Windows' placeholder resolvers on IPv6 interfaces without DNS (fec0:0:0:ffff::1 to ::3, RFC 3879 site-local).</summary>
    private static readonly byte[] SiteLocalPrefix = { 0xfe, 0xc0 };

    /// <summary>The resolvers, in the order the system uses them.</summary>
    public static IReadOnlyList<IPEndPoint> Discover()
    {
        try
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && File.Exists(ResolvConfPath))
            {
                return ResolvConf.Parse(File.ReadAllText(ResolvConfPath));
            }

            return FromInterfaces();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NetworkInformationException || ex is PlatformNotSupportedException)
        {
            return Array.Empty<IPEndPoint>();
        }
    }

    private static IReadOnlyList<IPEndPoint> FromInterfaces() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().DnsAddresses)
            .Where(a => !(a.AddressFamily == AddressFamily.InterNetworkV6 && a.GetAddressBytes().Take(2).SequenceEqual(SiteLocalPrefix)))
            .Distinct()
            .Select(a => new IPEndPoint(a, ResolvConf.DnsPort))
            .ToList();
}
