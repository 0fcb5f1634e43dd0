using System.Net;
using System.Net.Sockets;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// Finds loopback ports nobody uses. Ports come from 20000-31999, below Linux's ephemeral range
/// (32768-60999), so that no client socket of a parallel test is handed one of them by the kernel.
/// </summary>
internal static class FreePorts
{
    private const int First = 20000;
    private const int End = 32000;
    private const int Attempts = 200;

    /// <summary>IPv4 loopback only.</summary>
    public static readonly IReadOnlyList<IPAddress> Loopback = new[] { IPAddress.Loopback };

    /// <summary>
    /// The first of <paramref name="count"/> consecutive ports that are free for both UDP and TCP
    /// on every address in <paramref name="addresses"/> (checked by binding them all at once).
    /// </summary>
    public static int Block(int count, IReadOnlyList<IPAddress> addresses)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var first = Random.Shared.Next(First, End - count);
            if (AllFree(first, count, addresses))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No block of " + count + " free loopback ports found in " + First + "-" + (End - 1) + " after " + Attempts + " attempts.");
    }

    /// <summary>A port on 127.0.0.1 where nothing listens, neither UDP nor TCP.</summary>
    public static int Closed() => Block(1, Loopback);

    private static bool AllFree(int first, int count, IReadOnlyList<IPAddress> addresses)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var port = first; port < first + count; port++)
            {
                foreach (var address in addresses)
                {
                    sockets.Add(Bound(address, port, SocketType.Dgram, ProtocolType.Udp));
                    sockets.Add(Bound(address, port, SocketType.Stream, ProtocolType.Tcp));
                }
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static Socket Bound(IPAddress address, int port, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(address.AddressFamily, type, protocol);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
