namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Facts about the machine the engine runs on, as every result reports them.</summary>
public static class ThisMachine
{
    /// <summary>This machine's name (NetBIOS name on Windows, host name elsewhere): the results' ComputerName.</summary>
    public static string Name { get; } = ReadName();

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
}
