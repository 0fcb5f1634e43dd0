namespace TelnyxNet.Engine.Media;

/// <summary>The Telnyx WebRTC SDK's network quality (<c>PreCallDiagnostic/modules/network.ts</c>, <c>classifyQuality</c>): the worst of RTT, jitter and loss against its thresholds.</summary>
internal enum MediaQuality
{
    /// <summary>Nothing measured: no media came back.</summary>
    Unknown,

    /// <summary>Every figure below its degraded threshold.</summary>
    Good,

    /// <summary>Some figure at or above its degraded threshold, none at or above its poor one.</summary>
    Fair,

    /// <summary>Some figure at or above its poor threshold.</summary>
    Poor,
}
