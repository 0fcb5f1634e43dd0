namespace TelnyxNet.Bench;

/// <summary>Folders of the repository this bench program was built in.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding TelnyxNet.sln, found upwards from the program's own folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TelnyxNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new UsageException("no TelnyxNet.sln above " + AppContext.BaseDirectory + ".");
    }

    /// <summary>The bench project's folder: BenchmarkDotNet looks for the project file from the current directory down.</summary>
    public static string BenchProject() => Path.Combine(Root(), "bench", "TelnyxNet.Bench");
}
