using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Turn;

/// <summary>What the relay check found: verified (true), or not verifiable from here (null), with a note.</summary>
internal sealed class RelayCheckOutcome
{
    public RelayCheckOutcome(bool? verified, double? roundTripMs, string note, FailureReason unverifiedBecause = FailureReason.None)
    {
        Verified = verified;
        RoundTripMs = roundTripMs;
        Note = note;
        UnverifiedBecause = unverifiedBecause;
    }

    /// <summary>True when data went through the relay both ways; null when no peer could be set up to tell.</summary>
    public bool? Verified { get; }

    /// <summary>The relayed ChannelData round trip, in milliseconds.</summary>
    public double? RoundTripMs { get; }

    /// <summary>How it was verified or why it could not be, when that needs saying.</summary>
    public string Note { get; }

    /// <summary>When not verifiable: why the second allocation, the last peer tried, could not be made.</summary>
    public FailureReason UnverifiedBecause { get; }
}
