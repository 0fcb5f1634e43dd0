namespace TelnyxNet.Engine.Tests.Integration.Turn;

/// <summary>This process's open sockets, counted from /proc/self/fd (Linux).</summary>
internal static class OpenSockets
{
    public static int Count() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
}
