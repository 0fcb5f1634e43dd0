using System.Globalization;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// One Via header field value (RFC 3261 §20.42, §25.1: <c>SIP/2.0/UDP host[:port];branch=…</c>)
/// with the parameters the probe reads: <c>branch</c>, and what the server adds, <c>received</c>
/// (RFC 3261 §18.2.1) and <c>rport</c> (RFC 3581 §4).
/// </summary>
internal sealed class SipVia
{
    private SipVia(string text, string transport, string host, int? port, IReadOnlyDictionary<string, string?> parameters)
    {
        Text = text;
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>The value as received.</summary>
    public string Text { get; }

    /// <summary>The transport token, upper case (UDP, TCP, TLS …).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The sent-by port, when present.</summary>
    public int? Port { get; }

    /// <summary>The parameters by lower-case name; a parameter without a value maps to null.</summary>
    public IReadOnlyDictionary<string, string?> Parameters { get; }

    /// <summary>The branch parameter, or empty.</summary>
    public string Branch => Parameters.TryGetValue("branch", out var value) ? value ?? string.Empty : string.Empty;

    /// <summary>The received parameter, or empty.</summary>
    public string Received => Parameters.TryGetValue("received", out var value) ? value ?? string.Empty : string.Empty;

    /// <summary>The rport value the server filled in, or null (absent, or present without a value).</summary>
    public int? ReceivedPort => Parameters.TryGetValue("rport", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port <= 65535 ? port : null;

    /// <summary>The sent-by as <c>host:port</c> (brackets for IPv6), as compared with what was sent.</summary>
    public string SentBy => (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + (Port is int p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>Parses one via-parm; false when it is not <c>SIP/2.0/transport sent-by</c>.</summary>
    public static bool TryParse(string text, out SipVia? via)
    {
        via = null;
        var value = text.Trim();
        var slash2 = IndexOfNth(value, '/', 2);
        if (slash2 < 0 || !value.Substring(0, slash2).Replace(" ", string.Empty).Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var afterProtocol = value.Substring(slash2 + 1).TrimStart();
        var space = afterProtocol.IndexOfAny(new[] { ' ', '\t' });
        if (space <= 0)
        {
            return false;
        }

        var transport = afterProtocol.Substring(0, space).ToUpperInvariant();
        var rest = afterProtocol.Substring(space).Trim();
        var semicolon = rest.IndexOf(';');
        var sentBy = (semicolon >= 0 ? rest.Substring(0, semicolon) : rest).Trim();
        if (!TrySplitHostPort(sentBy, out var host, out var port))
        {
            return false;
        }

        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (semicolon >= 0)
        {
            foreach (var parameter in rest.Substring(semicolon + 1).Split(';'))
            {
                var equals = parameter.IndexOf('=');
                var name = (equals >= 0 ? parameter.Substring(0, equals) : parameter).Trim().ToLowerInvariant();
                if (name.Length > 0 && !parameters.ContainsKey(name))
                {
                    parameters[name] = equals >= 0 ? parameter.Substring(equals + 1).Trim() : null;
                }
            }
        }

        via = new SipVia(value, transport, host, port, parameters);
        return true;
    }

    private static bool TrySplitHostPort(string sentBy, out string host, out int? port)
    {
        host = sentBy;
        port = null;
        string? portText = null;
        if (sentBy.StartsWith("[", StringComparison.Ordinal))
        {
            var close = sentBy.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = sentBy.Substring(1, close - 1);
            var after = sentBy.Substring(close + 1);
            if (after.StartsWith(":", StringComparison.Ordinal))
            {
                portText = after.Substring(1);
            }
            else if (after.Length > 0)
            {
                return false;
            }
        }
        else
        {
            var colon = sentBy.LastIndexOf(':');
            if (colon >= 0)
            {
                host = sentBy.Substring(0, colon);
                portText = sentBy.Substring(colon + 1);
            }
        }

        if (portText != null)
        {
            if (!int.TryParse(portText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > 65535)
            {
                return false;
            }

            port = value;
        }

        return host.Length > 0;
    }

    private static int IndexOfNth(string text, char c, int n)
    {
        var index = -1;
        for (var i = 0; i < n; i++)
        {
            index = text.IndexOf(c, index + 1);
            if (index < 0)
            {
                return -1;
            }
        }

        return index;
    }
}
