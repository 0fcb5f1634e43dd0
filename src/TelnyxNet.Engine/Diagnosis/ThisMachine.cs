namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Facts about the machine the engine runs on, as every result reports them.</summary>
public static class ThisMachine
{
    /// <summary>This machine's name (NetBIOS name on Windows, host name elsewhere): the results' ComputerName.</summary>
    public static string Name { get; } = ReadName();

    /// <summary>Who runs the engine: DOMAIN\user on Windows, as whoami writes it (the machine's name for a local account), the user name elsewhere.</summary>
    public static string UserName { get; } = ReadUserName();

    /// <summary>The operating system, as the runtime describes it ("Microsoft Windows 10.0.22631", "Linux 6.8.0-45-generic #45-Ubuntu …").</summary>
    public static string OperatingSystem { get; } = ReadOperatingSystem();

    private static string ReadName()
    {
        try
        {
            return Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private static string ReadUserName()
    {
        try
        {
            var user = Environment.UserName;
            var domain = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? Environment.UserDomainName : string.Empty;
            return domain.Length > 0 ? domain + "\\" + user : user;
        }
        catch (Exception ex) when (ex is InvalidOperationException || ex is PlatformNotSupportedException)
        {
            return string.Empty;
        }
    }

    private static string ReadOperatingSystem() => System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim();
}
