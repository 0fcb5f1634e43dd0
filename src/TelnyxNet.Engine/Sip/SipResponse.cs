using System.Globalization;
using System.Text;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// A SIP response (RFC 3261 §7.2): status line, header fields and body, decoded from bytes. Header
/// names are matched case-insensitively and compact forms (§7.3.3: <c>v</c>, <c>i</c>, <c>f</c>,
/// <c>t</c>, <c>m</c>, <c>l</c> …) are read as their long names; folded lines are unfolded; a
/// header field holding several comma-separated values (Via) yields one value each. Decoding
/// never throws: <see cref="TryParse"/> says what is wrong.
/// </summary>
internal sealed class SipResponse
{
    /// <summary>RFC 3261 §7.3.3 compact forms.</summary>
    private static readonly IReadOnlyDictionary<string, string> CompactForms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via",
        ["i"] = "Call-ID",
        ["f"] = "From",
        ["t"] = "To",
        ["m"] = "Contact",
        ["l"] = "Content-Length",
        ["c"] = "Content-Type",
        ["e"] = "Content-Encoding",
        ["k"] = "Supported",
        ["s"] = "Subject",
    };

    private readonly List<KeyValuePair<string, string>> _headers;

    private SipResponse(int statusCode, string reasonPhrase, List<KeyValuePair<string, string>> headers, int bodyLength)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
        BodyLength = bodyLength;
    }

    /// <summary>The status code (100 to 699).</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase.</summary>
    public string ReasonPhrase { get; }

    /// <summary>The length of the body that came with the message.</summary>
    public int BodyLength { get; }

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>Every Via value, topmost first.</summary>
    public IReadOnlyList<string> Vias => Values("Via").SelectMany(SplitCommas).ToList();

    /// <summary>The first value of <paramref name="name"/> (long name), or empty.</summary>
    public string Header(string name) => Values(name).FirstOrDefault() ?? string.Empty;

    /// <summary>Every value of <paramref name="name"/> (long name), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        _headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>The Content-Length value, or null when absent or not a number.</summary>
    public int? ContentLength =>
        int.TryParse(Header("Content-Length").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null;

    /// <summary>
    /// Where the header section of a message on a stream ends (the index after CRLF CRLF, RFC 3261
    /// §7.5), or -1 when it has not arrived yet.
    /// </summary>
    public static int HeaderEnd(byte[] buffer, int count)
    {
        for (var i = 3; i < count; i++)
        {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Decodes <paramref name="count"/> bytes at <paramref name="offset"/> as one response. Over a
    /// datagram the body is what follows the headers (a Content-Length larger than that is an error,
    /// RFC 3261 §18.3); with <paramref name="headersOnly"/> (a stream, whose body is still to come) the
    /// length is not checked against what is there.
    /// </summary>
    public static bool TryParse(byte[] buffer, int offset, int count, out SipResponse? response, out string? error, bool headersOnly = false)
    {
        response = null;
        var text = Encoding.UTF8.GetString(buffer, offset, count);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            error = "no end of the header section (CRLF CRLF) in " + count + " bytes";
            return false;
        }

        var lines = text.Substring(0, headerEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
        if (!TryParseStatusLine(lines[0], out var code, out var reason, out error))
        {
            return false;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (headers.Count == 0)
                {
                    error = "a continuation line before any header field";
                    return false;
                }

                var last = headers[headers.Count - 1];
                headers[headers.Count - 1] = new KeyValuePair<string, string>(last.Key, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                error = "a header line without a name and ':' (" + Shorten(line) + ")";
                return false;
            }

            var name = line.Substring(0, colon).Trim();
            headers.Add(new KeyValuePair<string, string>(CompactForms.TryGetValue(name, out var longName) ? longName : name, line.Substring(colon + 1).Trim()));
        }

        var bodyLength = Encoding.UTF8.GetByteCount(text.Substring(headerEnd + 4));
        var parsed = new SipResponse(code, reason, headers, bodyLength);
        var declared = parsed.ContentLength;
        if (!headersOnly && declared is int length && length > bodyLength)
        {
            error = "Content-Length " + length + " but only " + bodyLength + " body byte(s) came";
            return false;
        }

        response = parsed;
        error = null;
        return true;
    }

    private static bool TryParseStatusLine(string line, out int code, out string reason, out string? error)
    {
        code = 0;
        reason = string.Empty;
        if (!line.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase))
        {
            error = line.EndsWith(" SIP/2.0", StringComparison.OrdinalIgnoreCase)
                ? "a request (" + Shorten(line) + "), not a response"
                : "not a SIP/2.0 status line (" + Shorten(line) + ")";
            return false;
        }

        var rest = line.Substring(8);
        var space = rest.IndexOf(' ');
        var codeText = space >= 0 ? rest.Substring(0, space) : rest;
        if (codeText.Length != 3 || !int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out code) || code < 100 || code > 699)
        {
            error = "the status code '" + Shorten(codeText) + "' is not three digits from 100 to 699";
            return false;
        }

        reason = space >= 0 ? rest.Substring(space + 1).Trim() : string.Empty;
        error = null;
        return true;
    }

    private static IEnumerable<string> SplitCommas(string value)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == ',' && !quoted)
            {
                yield return value.Substring(start, i - start).Trim();
                start = i + 1;
            }
        }

        yield return value.Substring(start).Trim();
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";
}
