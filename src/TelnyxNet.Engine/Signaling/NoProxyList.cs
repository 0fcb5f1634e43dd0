using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// A NO_PROXY list as curl and most tools read it: entries separated by commas or spaces;
/// <c>*</c> exempts every host; <c>example.com</c>, <c>.example.com</c> and <c>*.example.com</c>
/// exempt the domain and every name under it; an IP address or CIDR block exempts addresses in it
/// (only hosts written as addresses: names are not resolved for this); <c>entry:port</c> limits an
/// entry to one port. Case does not matter.
/// </summary>
internal sealed class NoProxyList
{
    private readonly IReadOnlyList<string> _entries;

    public NoProxyList(string? value) =>
        _entries = (value ?? string.Empty).Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim().ToLowerInvariant()).ToList();

    /// <summary>The entry that exempts <paramref name="host"/>:<paramref name="port"/>, or null.</summary>
    public string? Match(string host, int port) => _entries.FirstOrDefault(e => Matches(e, host.ToLowerInvariant().TrimEnd('.'), port));

    private static bool Matches(string entry, string host, int port)
    {
        if (entry == "*")
        {
            return true;
        }

        var pattern = SplitPort(entry, out var entryPort);
        if (entryPort != null && entryPort != port)
        {
            return false;
        }

        if (pattern.IndexOf('/') > 0)
        {
            return InBlock(pattern, host);
        }

        if (IPAddress.TryParse(pattern, out var address))
        {
            return IPAddress.TryParse(host, out var literal) && Normal(literal).Equals(Normal(address));
        }

        var domain = pattern.TrimStart('*').TrimStart('.').TrimEnd('.');
        return domain.Length > 0 && (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal));
    }

    private static string SplitPort(string entry, out int? port)
    {
        port = null;
        var colon = entry.LastIndexOf(':');
        var bracketed = entry.StartsWith("[", StringComparison.Ordinal);
        if (bracketed)
        {
            var close = entry.IndexOf(']');
            if (close > 0 && close + 1 < entry.Length && entry[close + 1] == ':' && HostPortSyntax.TryParsePort(entry.Substring(close + 2), out var p))
            {
                port = p;
            }

            return close > 0 ? entry.Substring(1, close - 1) : entry;
        }

        if (colon > 0 && entry.IndexOf(':') == colon && HostPortSyntax.TryParsePort(entry.Substring(colon + 1), out var single))
        {
            port = single;
            return entry.Substring(0, colon);
        }

        return entry;
    }

    private static bool InBlock(string block, string host)
    {
        var slash = block.IndexOf('/');
        if (!IPAddress.TryParse(block.Substring(0, slash), out var network) || !int.TryParse(block.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || !IPAddress.TryParse(host, out var literal))
        {
            return false;
        }

        var a = Normal(network).GetAddressBytes();
        var b = Normal(literal).GetAddressBytes();
        if (a.Length != b.Length || prefix > a.Length * 8)
        {
            return false;
        }

        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static IPAddress Normal(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
