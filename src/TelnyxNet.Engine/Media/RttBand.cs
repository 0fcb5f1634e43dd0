using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Media;

/// <summary>The RTT bands of Telnyx's WebRTC network requirements page: excellent below 100 ms, good below 150, acceptable below 300, poor from 300 on.</summary>
internal enum RttBand
{
    /// <summary>Below <see cref="TelnyxEndpoints.RttExcellentMs"/>.</summary>
    Excellent,

    /// <summary>Below <see cref="TelnyxEndpoints.RttGoodMs"/>.</summary>
    Good,

    /// <summary>Below <see cref="TelnyxEndpoints.RttAcceptableMs"/>.</summary>
    Acceptable,

    /// <summary>At or above <see cref="TelnyxEndpoints.RttAcceptableMs"/> (the page says "&gt; 300 ms"; 300 itself is not below 300, so it is poor).</summary>
    Poor,
}
