using System.Net;

namespace TelnyxNet.Lab;

/// <summary>
/// The resolvers a process in a lab namespace sees: <c>ip netns exec NAME</c> bind-mounts
/// /etc/netns/NAME/resolv.conf over /etc/resolv.conf, so a whole process (the CLI) run in the client
/// namespace asks the lab's DNS server and never the machine's. Disposing removes the file and its
/// directory; netlab.sh down removes them too, for a run that was killed.
/// </summary>
public sealed class LabResolvConf : IDisposable
{
    private readonly string _directory;

    private LabResolvConf(string directory) => _directory = directory;

    /// <summary>Writes /etc/netns/<paramref name="space"/>/resolv.conf naming <paramref name="resolvers"/> in order.</summary>
    public static LabResolvConf Write(NetworkNamespace space, IEnumerable<IPAddress> resolvers)
    {
        ArgumentNullException.ThrowIfNull(space);
        var directory = Path.Combine("/etc/netns", space.Name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "resolv.conf"), string.Concat(resolvers.Select(r => "nameserver " + r + "\n")) + "options timeout:1 attempts:1\n");
        return new LabResolvConf(directory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
