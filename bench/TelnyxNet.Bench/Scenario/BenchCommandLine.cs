namespace TelnyxNet.Bench.Scenario;

/// <summary>An executable and its arguments, with a short description of how it is run.</summary>
internal sealed record BenchCommandLine(string FileName, IReadOnlyList<string> Arguments, string Description)
{
    /// <summary>The same executable with other arguments.</summary>
    public BenchCommandLine With(params string[] arguments) => this with { Arguments = Arguments.Concat(arguments).ToArray() };

    /// <inheritdoc />
    public override string ToString() => FileName + (Arguments.Count > 0 ? " " + string.Join(' ', Arguments) : string.Empty);
}
