using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TelnyxNet.Lab;

/// <summary>
/// One network namespace of a lab (as named by <c>ip netns</c>), and the two ways to do work in
/// it. In-process: a socket belongs to the namespace of the thread that created it, and setns(2)
/// with CLONE_NEWNET moves only the calling thread, so <see cref="Run{T}"/> runs a function on a
/// short-lived thread of its own that joins the namespace first; sockets made there keep working
/// from any thread. As a process: <see cref="RunAsync"/> and <see cref="StartServer"/> go through
/// <c>ip netns exec</c>.
/// </summary>
public sealed class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;
    private const string NamespaceDirectory = "/var/run/netns";

    internal NetworkNamespace(string name) => Name = name;

    /// <summary>The name <c>ip netns</c> knows it by.</summary>
    public string Name { get; }

    /// <summary>
    /// Runs <paramref name="function"/> on a new thread that has joined this namespace and returns
    /// its value (or rethrows its exception). Meant for creating sockets, e.g.
    /// <c>Run(() => ConnectedUdpSocket.Connect(server))</c>: keep the function synchronous, since
    /// whatever runs after an await is on another thread, in the test process's own namespace.
    /// </summary>
    public T Run<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        T? value = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Enter();
                value = function();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "netns " + Name,
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure is IOException ? failure : new IOException("In network namespace " + Name + ": " + failure.Message, failure);
        }

        return value!;
    }

    /// <summary>A new socket in this namespace.</summary>
    public Socket OpenSocket(AddressFamily family, SocketType type, ProtocolType protocol) => Run(() => new Socket(family, type, protocol));

    /// <summary>Runs <paramref name="fileName"/> in this namespace to its end (<c>ip netns exec</c>), bounded by <paramref name="limit"/>.</summary>
    public Task<CliRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit) =>
        BoundedProcess.RunAsync("ip", ExecArguments(fileName, arguments), limit);

    /// <summary>Like <see cref="RunAsync"/>, and throws with the process's output when the exit code is not 0.</summary>
    public Task<CliRun> CheckedAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit) =>
        BoundedProcess.CheckedAsync("ip", ExecArguments(fileName, arguments), limit);

    /// <summary>
    /// Starts a long-running <paramref name="fileName"/> in this namespace. Prefer
    /// <see cref="NetworkLab.StartServerAsync"/>, which also waits until it is ready and stops it with the lab.
    /// </summary>
    public ServerProcess StartServer(string fileName, IEnumerable<string> arguments) => ServerProcess.Start("ip", ExecArguments(fileName, arguments));

    /// <inheritdoc />
    public override string ToString() => Name;

    private IEnumerable<string> ExecArguments(string fileName, IEnumerable<string> arguments) =>
        new[] { "netns", "exec", Name, fileName }.Concat(arguments);

    private void Enter()
    {
        using var handle = File.OpenHandle(Path.Combine(NamespaceDirectory, Name));
        if (SetNamespace(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
        {
            throw new IOException("setns into network namespace " + Name + " failed (errno " + Marshal.GetLastPInvokeError() + ").");
        }
    }

    /// <summary>glibc by its soname (Debian, where the lab runs): "libc" alone may find the dev package's linker script.</summary>
    [DllImport("libc.so.6", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNamespace(int fd, int type);
}
