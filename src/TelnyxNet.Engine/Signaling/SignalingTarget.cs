using System.Globalization;
using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// A WebSocket URI to test (RFC 6455 §3): <c>wss://host[:port][/path][?query]</c> or
/// <c>ws://…</c>; a bare host means <c>wss://host/</c>. The default port is 443 for wss and 80
/// for ws. No user information and no fragment (§3 forbids fragments).
/// </summary>
public sealed class SignalingTarget
{
    /// <summary>The regions of Telnyx's network requirements; the SDK's region option rewrites the host to <c>{region}.rtc.telnyx.com</c>.</summary>
    public static readonly IReadOnlyList<string> Regions = new[] { "us-east", "us-central", "us-west", "ca-central", "eu", "apac", "south-asia" };

    private SignalingTarget(string host, int port, bool secure, string resource)
    {
        Host = host;
        Port = port;
        Secure = secure;
        Resource = resource;
    }

    /// <summary>The host name or IP literal (IPv6 without brackets).</summary>
    public string Host { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>True for wss (TLS), false for ws.</summary>
    public bool Secure { get; }

    /// <summary>The resource name of the request line: path and query, at least <c>/</c> (RFC 6455 §3).</summary>
    public string Resource { get; }

    /// <summary>True when <see cref="Host"/> is an IP address rather than a name.</summary>
    public bool IsAddressLiteral => IPAddress.TryParse(Host, out _);

    /// <summary>The URI, normalised: scheme, host, the port when it is not the default, the resource.</summary>
    public string Uri => (Secure ? "wss://" : "ws://") + HostAndPort(defaultPortOmitted: true) + Resource;

    /// <summary>The Telnyx WebRTC SDK's signaling server: <c>wss://rtc.telnyx.com</c>, or <c>wss://{region}.rtc.telnyx.com</c>.</summary>
    public static SignalingTarget Telnyx(string? region = null)
    {
        if (region != null && !Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException("'" + region + "' is not a Telnyx signaling region (" + string.Join(", ", Regions) + ").", nameof(region));
        }

        return new SignalingTarget(region is null ? TelnyxEndpoints.SignalingHost : region.ToLowerInvariant() + "." + TelnyxEndpoints.SignalingHost, 443, secure: true, "/");
    }

    /// <summary>A wss target from a catalog row (host and port already checked).</summary>
    public static SignalingTarget Create(string host, int port, string resource = "/")
    {
        var error = HostPortSyntax.CheckHost(host);
        if (error != null || port < 1 || port > 65535)
        {
            throw new ArgumentException("Not a valid signaling server: " + host + ":" + port + " (" + (error ?? "port out of range") + ")");
        }

        return new SignalingTarget(host, port, secure: true, resource);
    }

    /// <summary>Parses <paramref name="text"/>; false with a message naming the value and what is wrong.</summary>
    public static bool TryParse(string? text, out SignalingTarget? target, out string? error)
    {
        target = null;
        error = Parse(text?.Trim() ?? string.Empty, ref target);
        if (error != null)
        {
            error = "'" + (text ?? string.Empty) + "' is not a valid WebSocket URI: " + error;
        }

        return error is null;
    }

    /// <summary><c>host:port</c> as the request's Host header and CONNECT's authority write it (RFC 9110 §7.2, §9.3.6); the default port may be left out.</summary>
    internal string HostAndPort(bool defaultPortOmitted)
    {
        var host = HostPortSyntax.IsIPv6(Host) ? "[" + Host + "]" : Host;
        return defaultPortOmitted && Port == (Secure ? 443 : 80) ? host : host + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() => Uri;

    private static string? Parse(string input, ref SignalingTarget? target)
    {
        if (input.Length == 0)
        {
            return "it is empty.";
        }

        if (input.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            input = "wss://" + input;
        }

        if (!System.Uri.TryCreate(input, UriKind.Absolute, out var uri))
        {
            return "it is not an absolute URI.";
        }

        var secure = uri.Scheme == "wss";
        if (!secure && uri.Scheme != "ws")
        {
            return "the scheme is '" + uri.Scheme + "'; a WebSocket URI starts with wss:// or ws://.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "a WebSocket URI carries no user information.";
        }

        if (uri.Fragment.Length > 0 || input.IndexOf('#') >= 0)
        {
            return "a WebSocket URI has no fragment (RFC 6455 §3).";
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost;
        if (HostPortSyntax.CheckHost(host) is string hostError)
        {
            return hostError;
        }

        var resource = uri.PathAndQuery.Length == 0 ? "/" : uri.PathAndQuery;
        target = new SignalingTarget(host, uri.IsDefaultPort ? (secure ? 443 : 80) : uri.Port, secure, resource);
        return null;
    }
}
