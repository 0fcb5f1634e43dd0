using System.Text.Json.Serialization;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Cli.Output;

/// <summary>
/// The CLI's JSON and CSV metadata, generated at compile time so that the native (NativeAOT,
/// trimmed) telnyxnet needs no reflection. A subcommand's result type is registered with one line
/// here: <c>[JsonSerializable(typeof(IReadOnlyList&lt;TheResult&gt;))]</c>; its --json and --csv then work.
/// Names are the properties' own (the CSV headers, as Export-Csv writes them); --json applies camelCase.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<StunBindingResult>))]
[JsonSerializable(typeof(IReadOnlyList<TurnAllocationResult>))]
[JsonSerializable(typeof(IReadOnlyList<SipOptionsResult>))]
[JsonSerializable(typeof(IReadOnlyList<IceCandidate>))]
[JsonSerializable(typeof(IReadOnlyList<IceGatheringSummary>))]
[JsonSerializable(typeof(IReadOnlyList<NatBehaviorResult>))]
[JsonSerializable(typeof(IReadOnlyList<SignalingResult>))]
[JsonSerializable(typeof(IReadOnlyList<TelnyxEndpoint>))]
[JsonSerializable(typeof(IReadOnlyList<FirewallRuleResult>))]
[JsonSerializable(typeof(IReadOnlyList<MediaPathQuality>))]
[JsonSerializable(typeof(IReadOnlyList<TelnyxReadinessReport>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
