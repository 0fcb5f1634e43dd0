namespace TelnyxNet.Engine.Stun;

/// <summary>
/// STUN methods (12 bits). Binding is RFC 8489 §18.1; the others are the TURN methods of
/// RFC 8656 §17. Values outside this list are carried as they are.
/// </summary>
public enum StunMethod : ushort
{
    /// <summary>Binding (RFC 8489 §3).</summary>
    Binding = 0x001,

    /// <summary>Allocate (RFC 8656 §7).</summary>
    Allocate = 0x003,

    /// <summary>Refresh (RFC 8656 §8).</summary>
    Refresh = 0x004,

    /// <summary>Send indication (RFC 8656 §11.1).</summary>
    Send = 0x006,

    /// <summary>Data indication (RFC 8656 §11.1).</summary>
    Data = 0x007,

    /// <summary>CreatePermission (RFC 8656 §10).</summary>
    CreatePermission = 0x008,

    /// <summary>ChannelBind (RFC 8656 §12).</summary>
    ChannelBind = 0x009,
}
