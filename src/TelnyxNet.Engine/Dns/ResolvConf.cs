using System.Globalization;
using System.Net;

namespace TelnyxNet.Engine.Dns;

/// <summary>
/// The <c>nameserver</c> lines of a resolv.conf (resolv.conf(5)): where Linux and other Unix
/// systems name their DNS resolvers. Comments start with '#' or ';'; an IPv6 address may carry a
/// zone (<c>fe80::1%eth0</c>); every resolver listens on port 53; other lines are ignored.
/// </summary>
internal static class ResolvConf
{
    /// <summary>The DNS port (RFC 1035 §4.2).</summary>
    public const int DnsPort = 53;

    /// <summary>The resolvers named in <paramref name="text"/>, in order, each once.</summary>
    public static IReadOnlyList<IPEndPoint> Parse(string text)
    {
        var servers = new List<IPEndPoint>();
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            var comment = line.IndexOfAny(new[] { '#', ';' });
            if (comment >= 0)
            {
                line = line.Substring(0, comment);
            }

            var fields = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !string.Equals(fields[0], "nameserver", StringComparison.Ordinal))
            {
                continue;
            }

            if (TryParseAddress(fields[1], out var address))
            {
                var server = new IPEndPoint(address, DnsPort);
                if (!servers.Contains(server))
                {
                    servers.Add(server);
                }
            }
        }

        return servers;
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        var zone = text.IndexOf('%');
        var bare = zone >= 0 ? text.Substring(0, zone) : text;
        if (!IPAddress.TryParse(bare, out address!))
        {
            return false;
        }

        if (zone >= 0 && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && long.TryParse(text.Substring(zone + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var scope))
        {
            address.ScopeId = scope;
        }

        return true;
    }
}
