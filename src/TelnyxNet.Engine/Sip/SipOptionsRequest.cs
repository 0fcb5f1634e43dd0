using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// An OPTIONS request (RFC 3261 §11, the header fields of §8.1.1) and what was put in it, so that
/// the answer can be compared with it (SIP ALG evidence). The Via carries a new RFC 3261 §8.1.1.7
/// branch (<c>z9hG4bK</c> + random) and an empty <c>rport</c> (RFC 3581 §3) asking the server to
/// say which address and port it saw; From, Contact and Call-ID name this machine's local address,
/// where a rewriting ALG puts its public one.
/// </summary>
internal sealed class SipOptionsRequest
{
    /// <summary>The magic cookie every RFC 3261 branch starts with (§8.1.1.7).</summary>
    public const string BranchCookie = "z9hG4bK";

    /// <summary>Max-Forwards for a request from a UAC (§8.1.1.6).</summary>
    public const int MaxForwards = 70;

    private SipOptionsRequest(TransportProtocol transport, string requestUri, string toUri, IPEndPoint local, string branch, string callId, string fromTag, string userAgent)
    {
        Transport = transport;
        RequestUri = requestUri;
        ToUri = toUri;
        Local = local;
        Branch = branch;
        CallId = callId;
        FromTag = fromTag;
        UserAgent = userAgent;
    }

    /// <summary>The transport the request goes over.</summary>
    public TransportProtocol Transport { get; }

    /// <summary>The Request-URI.</summary>
    public string RequestUri { get; }

    /// <summary>The To URI (the same as the Request-URI, §8.1.1.2).</summary>
    public string ToUri { get; }

    /// <summary>The local address and port of the socket the request leaves from.</summary>
    public IPEndPoint Local { get; }

    /// <summary>The Via branch.</summary>
    public string Branch { get; }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>The From tag.</summary>
    public string FromTag { get; }

    /// <summary>The User-Agent value.</summary>
    public string UserAgent { get; }

    /// <summary>The CSeq number (§8.1.1.5).</summary>
    public int CSeq => 1;

    /// <summary>The Via transport token (§18: UDP, TCP, TLS).</summary>
    public string ViaTransport => Transport.ToString().ToUpperInvariant();

    /// <summary>The sent-by of the Via: this machine's local address and port.</summary>
    public string SentBy => HostPort(Local);

    /// <summary>The From URI.</summary>
    public string FromUri => "sip:telnyxnet@" + SentBy;

    /// <summary>The Contact URI.</summary>
    public string ContactUri => "sip:telnyxnet@" + SentBy + ";transport=" + Transport.ToString().ToLowerInvariant();

    /// <summary>
    /// A request to <paramref name="host"/> (the SIP domain or address as given) leaving from
    /// <paramref name="local"/>; <paramref name="userAgent"/> is <c>TelnyxNet/&lt;version&gt;</c>.
    /// </summary>
    public static SipOptionsRequest Create(string host, TransportProtocol transport, IPEndPoint local, string userAgent)
    {
        var literal = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
        var uri = (transport == TransportProtocol.Tls ? "sips:" : "sip:") + literal;
        return new SipOptionsRequest(transport, uri, uri, Normalize(local), BranchCookie + Token(16), Token(16) + "@" + HostOf(Normalize(local)), Token(8), userAgent);
    }

    /// <summary>The request's bytes.</summary>
    public byte[] Encode()
    {
        var text = new StringBuilder()
            .Append("OPTIONS ").Append(RequestUri).Append(" SIP/2.0\r\n")
            .Append("Via: SIP/2.0/").Append(ViaTransport).Append(' ').Append(SentBy).Append(";branch=").Append(Branch).Append(";rport\r\n")
            .Append("Max-Forwards: ").Append(MaxForwards.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("From: <").Append(FromUri).Append(">;tag=").Append(FromTag).Append("\r\n")
            .Append("To: <").Append(ToUri).Append(">\r\n")
            .Append("Call-ID: ").Append(CallId).Append("\r\n")
            .Append("CSeq: ").Append(CSeq.ToString(CultureInfo.InvariantCulture)).Append(" OPTIONS\r\n")
            .Append("Contact: <").Append(ContactUri).Append(">\r\n")
            .Append("Accept: application/sdp\r\n")
            .Append("User-Agent: ").Append(UserAgent).Append("\r\n")
            .Append("Content-Length: 0\r\n")
            .Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary><c>address:port</c> with brackets for IPv6 (RFC 3261 §25.1 hostport).</summary>
    public static string HostPort(IPEndPoint endPoint) => HostOf(endPoint) + ":" + endPoint.Port.ToString(CultureInfo.InvariantCulture);

    private static string HostOf(IPEndPoint endPoint)
    {
        var address = endPoint.Address;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bare = new IPAddress(address.GetAddressBytes());
        return "[" + bare + "]";
    }

    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    /// <summary>Random lower-case hex, <paramref name="bytes"/> bytes of entropy.</summary>
    private static string Token(int bytes)
    {
        var data = new byte[bytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(data);
        }

        var text = new StringBuilder(bytes * 2);
        foreach (var b in data)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
