namespace TelnyxNet.Engine.Tests.Support.Turn;

/// <summary>
/// Counts the sockets this test process has open (Linux: the /proc/self/fd links to
/// <c>socket:[inode]</c>), to prove a client closed all it opened. The count is process-wide:
/// compare before and after only in a collection with <c>DisableParallelization = true</c>, so
/// that no other test opens sockets meanwhile.
/// </summary>
internal static class OpenSockets
{
    /// <summary>The number of open socket descriptors of this process now.</summary>
    public static int Count()
    {
        var count = 0;
        foreach (var descriptor in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (descriptor.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed between listing and reading: not open any more.
            }
        }

        return count;
    }
}
