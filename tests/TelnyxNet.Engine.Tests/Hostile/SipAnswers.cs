using System.Text;
using System.Text.RegularExpressions;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Answers of SIP servers (RFC 3261) to an OPTIONS request, valid and hostile, for the hostile
/// servers and the transaction tests: each takes the request's bytes and returns the answer's. The
/// valid ones are written as a proxy writes them (§8.2.6: the request's Via with rport and
/// received filled in, From, To with a tag, Call-ID, CSeq, Content-Length); the hostile ones change
/// one thing a client must check.
/// </summary>
internal static class SipAnswers
{
    /// <summary>A response with <paramref name="status"/> ("200 OK") to the request.</summary>
    public static byte[] Reply(byte[] request, string status)
    {
        var text = Encoding.UTF8.GetString(request);
        string Header(string name) => Regex.Match(text, "\r\n" + name + ": ([^\r]*)").Groups[1].Value;
        var via = Header("Via").Replace(";rport", ";rport=50000;received=203.0.113.1", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes("SIP/2.0 " + status + "\r\nVia: " + via + "\r\nFrom: " + Header("From") + "\r\nTo: " + Header("To") + ";tag=x\r\nCall-ID: " + Header("Call-ID") + "\r\nCSeq: " + Header("CSeq") + "\r\nContent-Length: 0\r\n\r\n");
    }

    /// <summary>A response with <paramref name="status"/> to every request.</summary>
    public static Func<byte[], byte[]> Final(string status) => request => Reply(request, status);

    /// <summary>100 Trying (§8.2.6.1): provisional, never final.</summary>
    public static byte[] Trying(byte[] request) => Reply(request, "100 Trying");

    /// <summary>200 OK.</summary>
    public static byte[] Ok(byte[] request) => Reply(request, "200 OK");

    /// <summary>100 Trying and 200 OK in one write.</summary>
    public static byte[] TryingThenOk(byte[] request) => Trying(request).Concat(Ok(request)).ToArray();

    /// <summary>200 OK with the top Via's branch rewritten and the Call-ID kept: what a SIP ALG does (the same transaction, and evidence).</summary>
    public static byte[] RewrittenBranch(byte[] request) => Edit(Ok(request), text => Regex.Replace(text, "branch=z9hG4bK[0-9a-f]+", "branch=z9hG4bKalg"));

    /// <summary>200 OK for another transaction: another branch and another Call-ID, the same CSeq.</summary>
    public static byte[] OtherTransaction(byte[] request) =>
        Edit(Ok(request), text => Regex.Replace(text.Replace("branch=z9hG4bK", "branch=z9hG4bKx", StringComparison.Ordinal), "\r\nCall-ID: [^\r]*", "\r\nCall-ID: other@elsewhere"));

    /// <summary>200 OK to another request of another transaction: CSeq 7 REGISTER and another branch.</summary>
    public static byte[] OtherCSeq(byte[] request) =>
        Edit(Ok(request), text => text.Replace("CSeq: 1 OPTIONS", "CSeq: 7 REGISTER", StringComparison.Ordinal).Replace("branch=z9hG4bK", "branch=z9hG4bKx", StringComparison.Ordinal));

    /// <summary>200 OK without Content-Length: allowed over UDP, required over a stream (§18.3, §20.14).</summary>
    public static byte[] WithoutContentLength(byte[] request) => Edit(Ok(request), text => text.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));

    /// <summary>200 OK whose Content-Length announces <paramref name="length"/> bytes that never come.</summary>
    public static Func<byte[], byte[]> ContentLength(int length) => request => Edit(Ok(request), text => text.Replace("Content-Length: 0", "Content-Length: " + length, StringComparison.Ordinal));

    /// <summary>The request sent back: a request is no response.</summary>
    public static byte[] Echo(byte[] request) => request;

    /// <summary>An HTTP answer: another service on the port.</summary>
    public static byte[] Http(byte[] request) => Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");

    /// <summary>Bytes of a TLS record: no text protocol at all.</summary>
    public static byte[] Binary(byte[] request) => new byte[] { 0x16, 0x03, 0x01, 0x00, 0x05, 0x0D, 0x0A, 0x0D, 0x0A, 0xFF };

    /// <summary>A status line and 80 KB of header lines without the empty line that ends them.</summary>
    public static byte[] UnendingHeaders(byte[] request) => Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n" + string.Concat(Enumerable.Repeat(HeaderLine, 80)));

    /// <summary>One 1 KB header line, for headers that never end (written again and again after a status line).</summary>
    public static byte[] EndlessLine(byte[] request) => Encoding.ASCII.GetBytes(HeaderLine);

    private static string HeaderLine => "X-Padding: " + new string('a', 1000) + "\r\n";

    private static byte[] Edit(byte[] answer, Func<string, string> edit) => Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(answer)));
}
