using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// SIP ALG detection from the answer of a standard proxy, with no special server: a proxy returns
/// the request's Via, From, To, Call-ID and CSeq as it received them (RFC 3261 §8.2.6.2) and
/// adds to the top Via where the request came from (<c>received</c>, RFC 3261 §18.2.1;
/// <c>rport</c>, RFC 3581 §4). A device that rewrites SIP on the way (a router's "SIP ALG")
/// shows as:
/// <list type="bullet">
/// <item>a Via more, a sent-by, branch or transport of the top Via, or a Call-ID, From, To or CSeq that differ from what was sent;</item>
/// <item>a Content-Length that does not match the body (rewritten without fixing the length);</item>
/// <item>from a private address to a public proxy: a <c>received</c> that names this machine's own
/// private address, which no proxy across the internet can see (the ALG translated the answer back), or
/// none at all although RFC 3581 §4 requires it for a request with <c>rport</c> (the ALG had put the public
/// address into the sent-by, so the proxy saw nothing to correct).</item>
/// </list>
/// Over TLS nothing on the path can read or rewrite SIP, so TLS answers serve as the control.
/// </summary>
internal static class SipAlgEvidence
{
    /// <summary>The evidence the answer holds; empty when it is what a plain path returns.</summary>
    public static IReadOnlyList<string> Inspect(SipOptionsRequest request, SipResponse response, IPAddress remote)
    {
        var evidence = new List<string>();
        var vias = response.Vias;
        if (vias.Count > 1)
        {
            evidence.Add("The answer carries " + vias.Count + " Via headers where the request had one: a SIP-aware device on the path added one (" + vias[1] + ").");
        }

        if (vias.Count > 0 && SipVia.TryParse(vias[0], out var top))
        {
            CompareVia(request, top!, remote, evidence);
        }

        Compare("Call-ID", request.CallId, response.Header("Call-ID"), evidence);
        Compare("From URI", request.FromUri, UriOf(response.Header("From")), evidence);
        Compare("From tag", request.FromTag, Parameter(response.Header("From"), "tag"), evidence);
        Compare("To URI", request.ToUri, UriOf(response.Header("To")), evidence);
        Compare("CSeq", request.CSeq + " OPTIONS", string.Join(" ", response.Header("CSeq").Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)), evidence);
        if (response.ContentLength is int length && length != response.BodyLength)
        {
            evidence.Add("Content-Length says " + length + " but the body has " + response.BodyLength + " byte(s): something rewrote the message without fixing its length.");
        }

        return evidence;
    }

    /// <summary>True for addresses no proxy on the internet sees as a source: RFC 1918, RFC 6598 shared (CGNAT), link-local, loopback, RFC 4193 unique local.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] == 169 && b[1] == 254);
        }

        return (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80);
    }

    private static void CompareVia(SipOptionsRequest request, SipVia top, IPAddress remote, List<string> evidence)
    {
        if (!string.Equals(top.Transport, request.ViaTransport, StringComparison.OrdinalIgnoreCase))
        {
            evidence.Add("The top Via's transport came back as " + top.Transport + "; it was sent as " + request.ViaTransport + ".");
        }

        if (!string.Equals(top.SentBy, request.SentBy, StringComparison.OrdinalIgnoreCase))
        {
            evidence.Add("The top Via's sent-by came back as " + top.SentBy + "; it was sent as " + request.SentBy + ": something on the path rewrote the Via.");
        }

        if (!string.Equals(top.Branch, request.Branch, StringComparison.Ordinal))
        {
            evidence.Add("The top Via's branch came back as '" + top.Branch + "'; it was sent as '" + request.Branch + "'.");
        }

        var local = request.Local.Address;
        if (!IsPrivate(local) || IsPrivate(remote))
        {
            return;
        }

        if (IPAddress.TryParse(top.Received, out var received) && received.Equals(local))
        {
            evidence.Add("received=" + top.Received + " is this machine's own private address, which a proxy on the internet cannot see: a device on the path translated the proxy's answer back (a SIP ALG).");
        }
        else if (top.Received.Length == 0)
        {
            evidence.Add("The proxy added no received= although this request left a private address (" + local + ") with rport, so it must have seen a public one (RFC 3581 §4): the Via reached it already rewritten to the public address (a SIP ALG).");
        }
    }

    private static void Compare(string what, string sent, string received, List<string> evidence)
    {
        if (!string.Equals(sent, received, StringComparison.Ordinal))
        {
            evidence.Add("The " + what + " came back as '" + received + "'; it was sent as '" + sent + "'.");
        }
    }

    /// <summary>The URI of a name-addr (<c>"name" &lt;uri&gt;;params</c>) or addr-spec (<c>uri;params</c>).</summary>
    private static string UriOf(string value)
    {
        var open = value.IndexOf('<');
        var close = open >= 0 ? value.IndexOf('>', open) : -1;
        if (open >= 0 && close > open)
        {
            return value.Substring(open + 1, close - open - 1);
        }

        var semicolon = value.IndexOf(';');
        return (semicolon >= 0 ? value.Substring(0, semicolon) : value).Trim();
    }

    /// <summary>A header parameter after the URI (<c>;tag=…</c>), or empty.</summary>
    private static string Parameter(string value, string name)
    {
        var close = value.IndexOf('>');
        var parameters = close >= 0 ? value.Substring(close + 1) : value.IndexOf(';') >= 0 ? value.Substring(value.IndexOf(';')) : string.Empty;
        foreach (var parameter in parameters.Split(';'))
        {
            var equals = parameter.IndexOf('=');
            if (equals > 0 && string.Equals(parameter.Substring(0, equals).Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Substring(equals + 1).Trim();
            }
        }

        return string.Empty;
    }
}
