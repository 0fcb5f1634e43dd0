using BenchmarkDotNet.Configs;

namespace TelnyxNet.Bench.Codec;

/// <summary>The BenchmarkDotNet configuration of the codec benchmarks.</summary>
internal static class CodecConfig
{
    public static IConfig Create() => DefaultConfig.Instance;
}
