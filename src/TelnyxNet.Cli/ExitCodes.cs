namespace TelnyxNet.Cli;

/// <summary>The process exit codes, documented in --help and the README.</summary>
internal static class ExitCodes
{
    /// <summary>The check passed.</summary>
    public const int Passed = 0;

    /// <summary>The check ran and failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong (unknown option, bad value, bad server).</summary>
    public const int Usage = 2;

    /// <summary><c>check</c>: calls work, but worse than they should (the verdict Degraded).</summary>
    public const int Degraded = 3;

    /// <summary><c>check</c>: evidence a verdict needs is missing (the verdict Inconclusive).</summary>
    public const int Inconclusive = 4;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
