using System.Net;
using System.Net.Sockets;
using System.Text;
using static TelnyxNet.Engine.Tests.Hostile.StreamBehaviours;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Answers of HTTP/1.1 servers and proxies (RFC 9112) to a request head, for the hostile servers:
/// a proxy's answer to CONNECT (RFC 9110 §9.3.6), a server's to the WebSocket upgrade when it is
/// no 101, and the bytes of heads that are no HTTP at all or never end. Each takes the request's
/// bytes and returns the answer's; <see cref="Forwarding"/> plays a proxy that opens the tunnel.
/// </summary>
internal static class HttpAnswers
{
    /// <summary>What a proxy answers when it opens the tunnel (the shape tinyproxy writes).</summary>
    public const string Established = "HTTP/1.0 200 Connection established\r\nProxy-agent: scripted\r\n\r\n";

    /// <summary>The same <paramref name="text"/> whatever the request (Latin-1, as HTTP's octets are).</summary>
    public static Func<byte[], byte[]> Text(string text) => _ => Encoding.Latin1.GetBytes(text);

    /// <summary>An SSH server's banner: another service on the port.</summary>
    public static byte[] Garbage(byte[] request) => Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2\r\n\r\n");

    /// <summary>One 1 KB header line, for a head that never ends (written again and again after a status line).</summary>
    public static byte[] EndlessLine(byte[] request) => Encoding.ASCII.GetBytes("X-Endless: " + new string('x', 1000) + "\r\n");

    /// <summary>A status line, then header lines for ever: a head that never ends.</summary>
    public static StreamBehaviour EndlessHead(string statusLine) => Then(Answer(Head, Text(statusLine + "\r\n")), Endless(Nothing, EndlessLine));

    /// <summary>The authority a CONNECT request names (its request target, RFC 9110 §9.3.6).</summary>
    public static string ConnectAuthority(byte[] request) => Encoding.Latin1.GetString(request).Split(' ')[1];

    /// <summary>
    /// A proxy that reads CONNECT, connects to the end point <paramref name="upstream"/> makes of the
    /// request's authority, answers <see cref="Established"/> and pipes both ways until either side ends.
    /// </summary>
    public static StreamBehaviour Forwarding(Func<string, IPEndPoint> upstream) => async exchange =>
    {
        if (await exchange.ReadHeadAsync() is not byte[] request)
        {
            return;
        }

        using var connection = new TcpClient();
        await connection.ConnectAsync(upstream(ConnectAuthority(request)), exchange.Stopping);
        await exchange.WriteAsync(Encoding.ASCII.GetBytes(Established));
        await exchange.PipeAsync(connection.GetStream());
    };
}
