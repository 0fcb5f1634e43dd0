namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Which Telnyx environment a catalog row belongs to.</summary>
public enum TelnyxEnvironment
{
    /// <summary>Production: what customers use.</summary>
    Production,

    /// <summary>Development: the SDK's rtcdev/stundev/turndev endpoints.</summary>
    Development,
}
