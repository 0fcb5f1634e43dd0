using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Signaling;

/// <summary>
/// The status line and header fields of an HTTP/1.1 response (RFC 9112 §4, §5), as a proxy answers
/// CONNECT and a server answers the WebSocket upgrade. Read up to the empty line and no further:
/// bytes that follow (a server's first frame, say) are kept for the caller. At most 16 KiB of
/// head; lines may end in CRLF or a bare LF (§2.2); obsolete line folding is refused (§5.2).
/// </summary>
internal sealed class HttpResponseHead
{
    /// <summary>The most bytes of head read before giving up.</summary>
    public const int MaxBytes = 16 * 1024;

    private HttpResponseHead(string version, int status, string reason, IReadOnlyList<KeyValuePair<string, string>> fields, byte[] rest)
    {
        Version = version;
        Status = status;
        Reason = reason;
        Fields = fields;
        Rest = rest;
    }

    /// <summary>HTTP/1.1 or HTTP/1.0.</summary>
    public string Version { get; }

    /// <summary>The status code.</summary>
    public int Status { get; }

    /// <summary>The reason phrase (may be empty).</summary>
    public string Reason { get; }

    /// <summary>The header fields in order, names as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>Bytes read after the head: the start of what follows it.</summary>
    public byte[] Rest { get; }

    /// <summary>"407 Proxy Authentication Required".</summary>
    public string StatusLine => Status.ToString(CultureInfo.InvariantCulture) + (Reason.Length > 0 ? " " + Reason : string.Empty);

    /// <summary>Every value of the field <paramref name="name"/> (case-insensitive), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>The values of <paramref name="name"/> joined with ", " (RFC 9110 §5.3), or null when absent.</summary>
    public string? Value(string name)
    {
        var values = Values(name).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>
    /// Reads a response head from <paramref name="stream"/>. Throws <see cref="ProbeException"/>:
    /// ProtocolError when it is not HTTP, too long or cut short, Refused when the connection is reset.
    /// <paramref name="peer"/> names who answers ("the proxy 10.0.0.1:3128"). No bound on time: the caller's deadline tears the stream down.
    /// </summary>
    public static async Task<HttpResponseHead> ReadAsync(Stream stream, string peer)
    {
        var buffer = new byte[MaxBytes];
        var length = 0;
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, length, buffer.Length - length).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
            {
                throw new ProbeException(FailureReason.Refused, peer + " reset the connection before answering" + (length > 0 ? " in full" : string.Empty) + ".", ex);
            }

            if (read == 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, length == 0
                    ? peer + " closed the connection without answering."
                    : peer + " closed the connection in the middle of its HTTP answer (" + length + " bytes: '" + Printable(buffer, Math.Min(length, 80)) + "').");
            }

            var start = Math.Max(0, length - 3);
            length += read;
            var end = EndOfHead(buffer, start, length);
            if (end > 0)
            {
                return Parse(buffer, end, length, peer);
            }

            if (length == buffer.Length)
            {
                throw new ProbeException(FailureReason.ProtocolError, peer + " sent more than " + MaxBytes / 1024 + " KiB without ending an HTTP response head: '" + Printable(buffer, 80) + "…'.");
            }
        }
    }

    /// <summary>The index just past the empty line that ends the head (CRLF CRLF or LF LF), or 0.</summary>
    private static int EndOfHead(byte[] buffer, int from, int length)
    {
        for (var i = from; i < length; i++)
        {
            if (buffer[i] != '\n')
            {
                continue;
            }

            if (i + 1 < length && buffer[i + 1] == '\n')
            {
                return i + 2;
            }

            if (i + 2 < length && buffer[i + 1] == '\r' && buffer[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return 0;
    }

    private static HttpResponseHead Parse(byte[] buffer, int end, int length, string peer)
    {
        // Field values are octets; Latin-1 keeps every byte as one character (RFC 9110 §5.5).
        var text = Encoding.GetEncoding("iso-8859-1").GetString(buffer, 0, end);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var statusLine = lines[0];
        var parts = statusLine.Split(new[] { ' ' }, 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 100)
        {
            throw new ProbeException(FailureReason.ProtocolError, peer + " answered, but not with HTTP/1.1: '" + new string(statusLine.Take(80).Select(c => c >= ' ' && c < (char)127 ? c : '.').ToArray()) + "'.");
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (line[0] == ' ' || line[0] == '\t')
            {
                throw new ProbeException(FailureReason.ProtocolError, peer + " folded a header field over two lines, which RFC 9112 §5.2 lets a client refuse: '" + line.Trim() + "'.");
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line.Substring(0, colon).Any(c => c <= ' ' || c >= 127))
            {
                throw new ProbeException(FailureReason.ProtocolError, peer + " sent a header line that is not 'name: value': '" + line + "'.");
            }

            fields.Add(new KeyValuePair<string, string>(line.Substring(0, colon), line.Substring(colon + 1).Trim(' ', '\t')));
        }

        var rest = new byte[length - end];
        Buffer.BlockCopy(buffer, end, rest, 0, rest.Length);
        return new HttpResponseHead(parts[0], status, parts.Length > 2 ? parts[2].Trim() : string.Empty, fields, rest);
    }

    /// <summary>The first <paramref name="count"/> bytes as text, control characters shown as '.'.</summary>
    private static string Printable(byte[] buffer, int count) =>
        new(buffer.Take(count).Select(b => b >= 32 && b < 127 ? (char)b : '.').ToArray());
}
