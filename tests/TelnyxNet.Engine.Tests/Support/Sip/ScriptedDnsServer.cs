using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support.Sip;

/// <summary>
/// A minimal DNS server over UDP on 127.0.0.1: every query it gets is counted and handed to a
/// script that returns the datagrams to send back (none: silence). For SERVFAIL and REFUSED
/// resolvers, silence and truncation beside a TCP server of the test's own; hostile resolvers are
/// the hostile suite's (Hostile.DnsHostileTests).
/// </summary>
internal sealed class ScriptedDnsServer : IDisposable
{
    private readonly UdpClient _udp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<byte[], IReadOnlyList<byte[]>> _udpScript;
    private int _udpQueries;

    public ScriptedDnsServer(Func<byte[], IReadOnlyList<byte[]>> udpScript)
        : this(new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)), udpScript)
    {
    }

    /// <summary>Serves on <paramref name="socket"/>, a bound UDP socket made elsewhere (in a lab namespace).</summary>
    public ScriptedDnsServer(System.Net.Sockets.Socket socket, Func<byte[], IReadOnlyList<byte[]>> udpScript)
        : this(new UdpClient { Client = socket }, udpScript)
    {
    }

    private ScriptedDnsServer(UdpClient udp, Func<byte[], IReadOnlyList<byte[]>> udpScript)
    {
        _udpScript = udpScript;
        _udp = udp;
        EndPoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _ = Task.Run(UdpLoopAsync);
    }

    public IPEndPoint EndPoint { get; }

    public int UdpQueries => Volatile.Read(ref _udpQueries);

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
}
