using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Engine.Tests.Support;

/// <summary>
/// Sockets that live in a lab namespace while the test process stays where it is: a socket
/// belongs to the network namespace of the thread that created it, and setns(2) with
/// CLONE_NEWNET moves only the calling thread. So a short-lived thread of its own joins the
/// namespace, creates the socket and ends; the socket keeps working from any thread.
/// </summary>
internal static class NetworkLabSockets
{
    private const int CloneNewNet = 0x40000000;
    private const string NamespaceDirectory = "/var/run/netns";

    /// <summary>A new socket in the network namespace <paramref name="name"/> (as named by <c>ip netns</c>).</summary>
    public static Socket Open(string name, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine(NamespaceDirectory, name));
                if (SetNamespace(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    throw new IOException("setns into network namespace " + name + " failed (errno " + Marshal.GetLastPInvokeError() + ").");
                }

                socket = new Socket(family, type, protocol);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SocketException)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "netns " + name,
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new IOException("Cannot open a socket in network namespace " + name + ": " + failure.Message, failure);
        }

        return socket!;
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNamespace(int fd, int type);
}
