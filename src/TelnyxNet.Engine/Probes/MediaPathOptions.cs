using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one media path measurement needs; built by the cmdlet or the CLI, read by <see cref="MediaPathProbe"/>.</summary>
public sealed class MediaPathOptions : RelayProbeOptions
{
    /// <summary>The longest stream: the relay's permissions last 300 s (RFC 8656 §9) and are not refreshed during a stream.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Options with the default timeout of 10 s for setting the path up (resolution, allocation on
    /// every transport, relay check); the stream's <see cref="Duration"/>, the wait for its last
    /// echoes (at most 2 s) and the deletion of the allocations come on top.
    /// </summary>
    public MediaPathOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>How long to stream: 50 packets a second. Default 5 s, like the SDK's pre-call test; 0.2 s to 2 minutes.</summary>
    public TimeSpan Duration { get; init; } = TelnyxEndpoints.MediaTestDuration;

    /// <summary>
    /// How long a preferred transport (UDP before TCP before TLS) may still take to allocate once a
    /// less preferred one has: enough for two UDP retransmissions (RFC 8489: 0.5 s, then 1 s more).
    /// A grace beyond <see cref="ProbeOptions.Timeout"/> is harmless: the deadline ends every attempt.
    /// </summary>
    internal TimeSpan PreferenceGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Duration < TimeSpan.FromMilliseconds(200) || Duration > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "The stream lasts 0.2 s to 2 minutes.");
        }

        if (PreferenceGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PreferenceGrace), PreferenceGrace, "The preference grace must not be negative.");
        }
    }
}
