using System.Globalization;

namespace TelnyxNet.Lab;

/// <summary>
/// A process as the kernel knows it: its id and its start time in clock ticks after boot (field 22
/// of /proc/&lt;pid&gt;/stat), which a process that later reuses the id does not share.
/// </summary>
public readonly record struct ProcessIdentity(int Id, long StartTime)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId) ?? throw new InvalidOperationException("/proc/self/stat is not readable.");

    /// <summary>True while the process this names runs (not merely some process with its id).</summary>
    public bool IsAlive => Of(Id) is ProcessIdentity now && now.StartTime == StartTime;

    /// <summary>The running process with id <paramref name="id"/>, or null when there is none.</summary>
    public static ProcessIdentity? Of(int id)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + id.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessIdentity(id, long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}
