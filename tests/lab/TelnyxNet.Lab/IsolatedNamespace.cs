namespace TelnyxNet.Lab;

/// <summary>
/// A network namespace with nothing but its loopback interface, for a program that must reach no
/// network at all (headless Chromium rendering a report: any fetch it tried would fail there). Named
/// like a lab's client namespace (<c>tnl&lt;pid&gt;-&lt;start time&gt;-&lt;n&gt;-cli</c>), with a temporary
/// directory of the same prefix, so that <c>netlab.sh down</c> removes both and <c>netlab.sh sweep</c>
/// removes what a killed test process left. Linux, as root, with iproute2.
/// </summary>
public sealed class IsolatedNamespace : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(15);
    private int _disposed;

    private IsolatedNamespace(string prefix)
    {
        Prefix = prefix;
        Namespace = new NetworkNamespace(prefix + "-cli");
        Directory = Path.Combine(Path.GetTempPath(), prefix);
    }

    /// <summary>The prefix of its names.</summary>
    public string Prefix { get; }

    /// <summary>The namespace (loopback up, nothing else).</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>A temporary directory of its own, removed with it.</summary>
    public string Directory { get; }

    /// <summary>Creates the namespace and its directory; removes what it made when that fails.</summary>
    public static async Task<IsolatedNamespace> StartAsync()
    {
        if (!Environment.IsPrivilegedProcess || BoundedProcess.Find("ip") is null)
        {
            throw new InvalidOperationException("An isolated network namespace needs root and iproute2 (apt-get install iproute2).");
        }

        await NetworkLab.RemoveLeftoversAsync().ConfigureAwait(false);
        var isolated = new IsolatedNamespace(LabNames.NewPrefix());
        try
        {
            System.IO.Directory.CreateDirectory(isolated.Directory);
            await BoundedProcess.CheckedAsync("ip", new[] { "netns", "add", isolated.Namespace.Name }, CommandLimit).ConfigureAwait(false);
            await BoundedProcess.CheckedAsync("ip", new[] { "-n", isolated.Namespace.Name, "link", "set", "lo", "up" }, CommandLimit).ConfigureAwait(false);
            return isolated;
        }
        catch
        {
            await isolated.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Ends what runs in the namespace, deletes it and its directory (<c>netlab.sh down</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await LabScript.RunAsync("down", Prefix).ConfigureAwait(false);
        }
    }
}
