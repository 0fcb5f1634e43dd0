namespace TelnyxNet.Bench.Scenario;

/// <summary>One whole-process run: wall time from start to observed exit, exit code, whether the bound ended it, and stdout.</summary>
internal sealed record ProcessRun(double ElapsedMs, int? ExitCode, bool KilledAtBound, string Output);
