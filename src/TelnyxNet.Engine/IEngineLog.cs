namespace TelnyxNet.Engine;

/// <summary>Where the engine narrates what it does; the module turns it into -Verbose output, the CLI into --verbose.</summary>
public interface IEngineLog
{
    /// <summary>Writes one line of narration. Must be safe to call from any thread.</summary>
    void Verbose(string message);
}

/// <summary>A log that drops everything.</summary>
public sealed class NullEngineLog : IEngineLog
{
    /// <summary>The shared instance.</summary>
    public static readonly NullEngineLog Instance = new();

    /// <inheritdoc />
    public void Verbose(string message)
    {
    }
}
