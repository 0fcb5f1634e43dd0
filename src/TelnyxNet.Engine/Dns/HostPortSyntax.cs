using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Dns;

/// <summary>
/// The host and port part of a server as users write it (<c>host</c>, <c>host:port</c>,
/// <c>[IPv6]:port</c>, a bare IPv6 literal), shared by the STUN and TURN server parsers.
/// Errors are sentence fragments that the caller prefixes with the value and what it should be.
/// </summary>
internal static class HostPortSyntax
{
    /// <summary><c>host:port</c>, with brackets around IPv6 literals.</summary>
    public static string Format(string host, int port) =>
        (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits <paramref name="text"/> into host and optional port text; null, or what is wrong.</summary>
    public static string? Split(string text, out string host, out string? port)
    {
        host = text;
        port = null;
        if (text.StartsWith("[", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return "the '[' of an IPv6 address has no closing ']'.";
            }

            host = text.Substring(1, close - 1);
            var after = text.Substring(close + 1);
            if (after.Length == 0)
            {
                return IsIPv6(host) ? null : "'" + host + "' inside brackets is not an IPv6 address.";
            }

            if (after[0] != ':')
            {
                return "expected ':port' after ']'.";
            }

            port = after.Substring(1);
            return IsIPv6(host) ? null : "'" + host + "' inside brackets is not an IPv6 address.";
        }

        var colons = text.Count(c => c == ':');
        if (colons == 1)
        {
            var colon = text.IndexOf(':');
            host = text.Substring(0, colon);
            port = text.Substring(colon + 1);
        }
        else if (colons > 1 && !IsIPv6(text))
        {
            return "it has several ':' but is not an IPv6 address; write IPv6 with a port as [address]:port.";
        }
        else if (colons > 1 && LooksLikeAddressAndPort(text, out var address, out var maybePort))
        {
            return "it reads both as the IPv6 address " + text + " and as " + address + " with port " + maybePort + "; write [" + address + "]:" + maybePort + " for a port, or [" + text + "] for the address alone.";
        }

        return null;
    }

    /// <summary>
    /// True when an unbracketed IPv6 literal ends in a group of three or more decimal digits that,
    /// taken away, still leaves an IPv6 address with '::' (e.g. <c>::1:3479</c>, <c>2001:db8::443</c>):
    /// the user most likely meant a port. Shorter groups (<c>::1</c>, <c>fe80::10</c>) are addresses.
    /// </summary>
    private static bool LooksLikeAddressAndPort(string text, out string address, out string port)
    {
        var colon = text.LastIndexOf(':');
        address = text.Substring(0, colon);
        port = text.Substring(colon + 1);
        if (port.Length < 3 || !port.All(c => c >= '0' && c <= '9') || !TryParsePort(port, out _))
        {
            return false;
        }

        if (address.EndsWith(":", StringComparison.Ordinal) && !address.EndsWith("::", StringComparison.Ordinal))
        {
            address += ":";
        }

        return address.IndexOf("::", StringComparison.Ordinal) >= 0 && IsIPv6(address);
    }

    public static bool IsIPv6(string text) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;

    /// <summary>An IPv4 literal in dotted-quad form, an IPv6 literal, or a DNS name (RFC 1123 §2.1).</summary>
    public static string? CheckHost(string host)
    {
        if (host.Length == 0)
        {
            return "the host is empty.";
        }

        if (IsIPv6(host))
        {
            return null;
        }

        var name = host.EndsWith(".", StringComparison.Ordinal) ? host.Substring(0, host.Length - 1) : host;
        var labels = name.Split('.');
        if (labels.All(l => l.Length > 0 && l.All(char.IsDigit)))
        {
            return labels.Length == 4 && IPAddress.TryParse(name, out _) && labels.All(l => int.Parse(l, CultureInfo.InvariantCulture) <= 255)
                ? null
                : "'" + host + "' is not a valid IPv4 address.";
        }

        if (name.Length > 253)
        {
            return "the host name is longer than 253 characters.";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0 || label.Length > 63)
            {
                return "the host name '" + host + "' has an empty label or one longer than 63 characters.";
            }

            if (label[0] == '-' || label[label.Length - 1] == '-' || !label.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '-' || c == '_'))
            {
                return "the host name '" + host + "' holds characters a DNS name cannot (letters, digits, '-' and '_' only).";
            }
        }

        return null;
    }
}
