using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>
/// A record, in the temp directory, of every server process a test process starts (loopback
/// coturn, pion, the lab's servers) and of the working directories it makes for them: one file per
/// server naming the owner and the server by <see cref="ProcessIdentity"/>, one directory per
/// working directory named for its owner. A test host killed outright cannot stop its servers or
/// delete their files; the first server any later test process starts sweeps the ledger, ending
/// the servers and deleting the directories whose owner is gone.
/// </summary>
public static class ServerLedger
{
    private static readonly Lazy<int> Swept = new(() => Sweep(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where the ledger lives.</summary>
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "telnyxnet-servers");

    /// <summary>Records <paramref name="server"/> as started by this process, sweeping leftovers once per process first; returns the entry to pass to <see cref="Forget"/>.</summary>
    public static string? Record(int server)
    {
        _ = Swept.Value;
        if (ProcessIdentity.Of(server) is not ProcessIdentity identity)
        {
            return null;
        }

        System.IO.Directory.CreateDirectory(Directory);
        var entry = Path.Combine(Directory, Name(ProcessIdentity.Current, identity));
        File.WriteAllText(entry, string.Empty);
        return entry;
    }

    /// <summary>A new, empty working directory owned by this process (e.g. a server's certificates and database), deleted by a later sweep if this process dies first.</summary>
    public static string CreateOwnedDirectory(string purpose)
    {
        _ = Swept.Value;
        var directory = Path.Combine(Directory, OwnerPrefix(ProcessIdentity.Current) + "dir-" + purpose + "-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Removes an entry once its server has been stopped.</summary>
    public static void Forget(string? entry)
    {
        if (entry is not null)
        {
            File.Delete(entry);
        }
    }

    /// <summary>Kills (SIGKILL) every recorded server whose owner is gone and removes its entry, and deletes the working directories of gone owners; returns how many servers were still running.</summary>
    public static int Sweep()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(Directory))
        {
            if (TryParseOwner(Path.GetFileName(directory), out var owner) && !owner.IsAlive)
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }

        var killed = 0;
        foreach (var entry in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (!TryParse(Path.GetFileName(entry), out var owner, out var server) || owner.IsAlive)
            {
                continue;
            }

            if (server.IsAlive)
            {
                try
                {
                    System.Diagnostics.Process.GetProcessById(server.Id).Kill(entireProcessTree: true);
                    killed++;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Ended meanwhile.
                }
            }

            File.Delete(entry);
        }

        return killed;
    }

    /// <summary>The entry's file name: <c>&lt;owner pid&gt;.&lt;owner start&gt;.&lt;server pid&gt;.&lt;server start&gt;</c>.</summary>
    public static string Name(ProcessIdentity owner, ProcessIdentity server) =>
        OwnerPrefix(owner) + server.Id.ToString(CultureInfo.InvariantCulture) + "." + server.StartTime.ToString(CultureInfo.InvariantCulture);

    private static string OwnerPrefix(ProcessIdentity owner) =>
        owner.Id.ToString(CultureInfo.InvariantCulture) + "." + owner.StartTime.ToString(CultureInfo.InvariantCulture) + ".";

    private static bool TryParseOwner(string name, out ProcessIdentity owner)
    {
        owner = default;
        var parts = name.Split('.');
        if (parts.Length < 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        owner = new ProcessIdentity(id, start);
        return true;
    }

    private static bool TryParse(string name, out ProcessIdentity owner, out ProcessIdentity server)
    {
        owner = server = default;
        var parts = name.Split('.');
        var numbers = new long[4];
        if (parts.Length != 4 || !parts.Select((p, i) => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok))
        {
            return false;
        }

        owner = new ProcessIdentity((int)numbers[0], numbers[1]);
        server = new ProcessIdentity((int)numbers[2], numbers[3]);
        return true;
    }
}
