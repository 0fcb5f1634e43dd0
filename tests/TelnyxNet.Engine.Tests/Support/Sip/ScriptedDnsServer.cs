using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support.Sip;

/// <summary>
/// A hostile or minimal DNS server on 127.0.0.1 (UDP, and TCP when asked): every query it gets is
/// recorded and handed to a script that returns the datagrams to send back (none: silence). For
/// SERVFAIL and REFUSED resolvers, wrong ids, wrong questions, garbage and truncation.
/// </summary>
internal sealed class ScriptedDnsServer : IDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<byte[], IReadOnlyList<byte[]>> _udpScript;
    private readonly Func<byte[], byte[]?>? _tcpScript;
    private int _udpQueries;
    private int _tcpQueries;

    public ScriptedDnsServer(Func<byte[], IReadOnlyList<byte[]>> udpScript, Func<byte[], byte[]?>? tcpScript = null)
        : this(new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)), udpScript, tcpScript)
    {
    }

    /// <summary>A UDP-only server on <paramref name="socket"/>, a bound UDP socket made elsewhere (in a lab namespace).</summary>
    public ScriptedDnsServer(System.Net.Sockets.Socket socket, Func<byte[], IReadOnlyList<byte[]>> udpScript)
        : this(new UdpClient { Client = socket }, udpScript, null)
    {
    }

    private ScriptedDnsServer(UdpClient udp, Func<byte[], IReadOnlyList<byte[]>> udpScript, Func<byte[], byte[]?>? tcpScript)
    {
        _udpScript = udpScript;
        _tcpScript = tcpScript;
        _udp = udp;
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        if (tcpScript != null)
        {
            _tcp = new TcpListener(EndPoint);
            _tcp.Start();
            _ = Task.Run(AcceptLoopAsync);
        }

        _ = Task.Run(UdpLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    public int UdpQueries => Volatile.Read(ref _udpQueries);

    public int TcpQueries => Volatile.Read(ref _tcpQueries);

    /// <summary>What the script threw, if it did (the query then goes unanswered).</summary>
    public Exception? ScriptFailure { get; private set; }

    /// <summary>An answer to <paramref name="query"/> with <paramref name="rcode"/> and no records: same id and question, QR and RA set.</summary>
    public static byte[] Answer(byte[] query, int rcode, bool truncated = false)
    {
        var end = QuestionEnd(query);
        var answer = new byte[end];
        Buffer.BlockCopy(query, 0, answer, 0, end);
        answer[2] = (byte)(0x80 | (query[2] & 0x79) | (truncated ? 0x02 : 0));
        answer[3] = (byte)(0x80 | rcode);
        answer[6] = answer[7] = answer[8] = answer[9] = answer[10] = answer[11] = 0;
        return answer;
    }

    /// <summary>Where the question section of <paramref name="query"/> ends (header, QNAME, QTYPE, QCLASS).</summary>
    public static int QuestionEnd(byte[] query)
    {
        var offset = 12;
        while (query[offset] != 0)
        {
            offset += query[offset] + 1;
        }

        return offset + 5;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp?.Stop();
        _stop.Dispose();
    }

    private async Task UdpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            Interlocked.Increment(ref _udpQueries);
            IReadOnlyList<byte[]> replies;
            try
            {
                replies = _udpScript(received.Buffer);
            }
            catch (Exception ex)
            {
                ScriptFailure = ex;
                continue;
            }

            foreach (var reply in replies)
            {
                try
                {
                    await _udp.SendAsync(reply, received.RemoteEndPoint, _stop.Token);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    break;
                }
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp!.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var prefix = new byte[2];
                        await stream.ReadExactlyAsync(prefix, _stop.Token);
                        var query = new byte[(prefix[0] << 8) | prefix[1]];
                        await stream.ReadExactlyAsync(query, _stop.Token);
                        Interlocked.Increment(ref _tcpQueries);
                        var reply = _tcpScript!(query);
                        if (reply is null)
                        {
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                            return;
                        }

                        await stream.WriteAsync(new[] { (byte)(reply.Length >> 8), (byte)reply.Length }, _stop.Token);
                        await stream.WriteAsync(reply, _stop.Token);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
                    {
                        // The client went away or the server stopped.
                    }
                }
            });
        }
    }
}
