using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Infrastructure;

/// <summary>
/// One <c>-Server</c> value as the command line or the pipeline gives it, read into server texts
/// and, for a WebRTC <c>iceServers</c> entry, that entry's own credential:
/// <list type="bullet">
/// <item>a string: host, host:port, [IPv6]:port, or a stun:/stuns:/turn:/turns: URI;</item>
/// <item>an <c>iceServers</c> entry (RTCIceServer: <c>urls</c> as a string or an array, <c>username</c>, <c>credential</c>), as a hashtable, a PSCustomObject or <c>ConvertFrom-Json</c> output;</item>
/// <item>an object with <c>Server</c> and <c>Port</c>, such as a TelnyxNet result: that server again.</item>
/// </list>
/// </summary>
internal sealed class ServerArgument
{
    private ServerArgument(object target, IReadOnlyList<string> urls, bool fromIceServer, string? username, string? password)
    {
        Target = target;
        Urls = urls;
        FromIceServer = fromIceServer;
        Username = username;
        Password = password;
    }

    /// <summary>The value as given, for error records.</summary>
    public object Target { get; }

    /// <summary>The server texts it holds.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>True for an iceServers entry: its URLs of the other protocol (stun: for TURN, turn: for STUN) are left out, not errors.</summary>
    public bool FromIceServer { get; }

    /// <summary>The entry's <c>username</c>, if any.</summary>
    public string? Username { get; }

    /// <summary>The entry's <c>credential</c>, if any (the entry holds it in plain text already).</summary>
    private string? Password { get; }

    /// <summary>True when the entry carries both a user name and a credential.</summary>
    public bool HasCredential => !string.IsNullOrEmpty(Username) && Password != null;

    /// <summary>Reads <paramref name="value"/>; null when it holds no server text at all.</summary>
    public static ServerArgument? Read(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var target = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (target is string text)
        {
            return new ServerArgument(text, new[] { text }, fromIceServer: false, null, null);
        }

        if (target is IDictionary dictionary)
        {
            var urls = Strings(Entry(dictionary, "urls") ?? Entry(dictionary, "url"));
            return urls.Count == 0 ? null : new ServerArgument(target, urls, fromIceServer: true, Text(Entry(dictionary, "username")), Text(Entry(dictionary, "credential")));
        }

        var properties = PSObject.AsPSObject(value).Properties;
        var iceUrls = Strings(properties["urls"]?.Value ?? properties["url"]?.Value);
        if (iceUrls.Count > 0)
        {
            return new ServerArgument(target, iceUrls, fromIceServer: true, Text(properties["username"]?.Value), Text(properties["credential"]?.Value));
        }

        if (Text(properties["Server"]?.Value) is string server && properties["Port"]?.Value is object port)
        {
            var hostPort = StunServerAddress.FormatHostPort(server, Convert.ToInt32(port, CultureInfo.InvariantCulture));
            return new ServerArgument(target, new[] { hostPort }, fromIceServer: false, null, null);
        }

        return new ServerArgument(target, new[] { value.ToString() ?? string.Empty }, fromIceServer: false, null, null);
    }

    /// <summary>The entry's credential as a read-only SecureString; only when <see cref="HasCredential"/>.</summary>
    public SecureString SecurePassword()
    {
        var secure = new SecureString();
        foreach (var c in Password ?? string.Empty)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    private static object? Entry(IDictionary dictionary, string key)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string? Text(object? value) => value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();

    private static IReadOnlyList<string> Strings(object? value)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        return unwrapped switch
        {
            null => Array.Empty<string>(),
            string one => new[] { one },
            IEnumerable many => many.Cast<object?>().Select(Text).OfType<string>().ToList(),
            _ => new[] { unwrapped.ToString() ?? string.Empty },
        };
    }
}
