namespace TelnyxNet.Bench.Scenario;

/// <summary>One whole-process run: wall time from start to observed exit (or to the awaited line of output), exit code (null when it was stopped), whether the bound ended it, and its output.</summary>
internal sealed record ProcessRun(double ElapsedMs, int? ExitCode, bool KilledAtBound, string Output);
