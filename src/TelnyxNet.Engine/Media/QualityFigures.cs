namespace TelnyxNet.Engine.Media;

/// <summary>The three figures the SDK judges a path by: average RTT and jitter in milliseconds, packet loss in percent; null when not measured.</summary>
internal sealed record QualityFigures(double? RoundTripTimeMs, double? JitterMs, double? LossPercent);
