namespace TelnyxNet.Engine.Media;

/// <summary>The Telnyx WebRTC SDK's words for an estimated MOS (<see cref="MosEstimate.Word"/>).</summary>
internal enum MosQuality
{
    /// <summary>Below 3.1.</summary>
    Bad,

    /// <summary>3.1 up to 3.7.</summary>
    Poor,

    /// <summary>3.7 up to 4.1.</summary>
    Fair,

    /// <summary>4.1 to 4.2.</summary>
    Good,

    /// <summary>Above 4.2.</summary>
    Excellent,
}
