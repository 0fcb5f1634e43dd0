using System.Net;

namespace TelnyxNet.Engine.Dns;

/// <summary>A DNS resolver as the user writes it: an IP address (port 53), <c>IPv4:port</c> or <c>[IPv6]:port</c>.</summary>
public static class DnsServerAddress
{
    /// <summary>Parses <paramref name="text"/>; false with a message that names the value and says what is wrong.</summary>
    public static bool TryParse(string? text, out IPEndPoint? server, out string? error)
    {
        server = null;
        var input = text?.Trim() ?? string.Empty;
        error = HostPortSyntax.Split(input, out var host, out var portText);
        var port = ResolvConf.DnsPort;
        if (error is null && !IPAddress.TryParse(host, out _))
        {
            error = "a DNS resolver is given by its IP address, not a name.";
        }

        if (error is null && portText != null && !HostPortSyntax.TryParsePort(portText, out port))
        {
            error = "the port '" + portText + "' is not a number from 1 to 65535.";
        }

        if (error != null)
        {
            error = "'" + (text ?? string.Empty) + "' is not a valid DNS resolver: " + error;
            return false;
        }

        server = new IPEndPoint(IPAddress.Parse(host), port);
        return true;
    }
}
