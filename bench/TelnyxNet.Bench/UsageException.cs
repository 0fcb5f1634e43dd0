namespace TelnyxNet.Bench;

/// <summary>A bad command line; the program prints it with the usage text and exits 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
