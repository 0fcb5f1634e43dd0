namespace TelnyxNet.Lab;

/// <summary>What one process run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <inheritdoc />
    public override string ToString() =>
        "exit code " + ExitCode + Environment.NewLine + "--- stdout ---" + Environment.NewLine + StandardOutput + "--- stderr ---" + Environment.NewLine + StandardError;
}
