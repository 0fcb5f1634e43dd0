namespace TelnyxNet.Engine.Stun;

/// <summary>
/// Packs and unpacks the 14-bit message type: method bits M11..M0 interleaved with class bits
/// C1 C0 as <c>M11..M7 C1 M6..M4 C0 M3..M0</c> (RFC 8489 §5, figure 3).
/// </summary>
public static class StunMessageType
{
    /// <summary>Combines a method and a class into the 16-bit type field (top two bits zero).</summary>
    public static ushort Encode(StunMethod method, StunClass stunClass)
    {
        int m = (ushort)method & 0x0FFF;
        int c = (byte)stunClass & 0x3;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7));
    }

    /// <summary>Extracts the method from a type field.</summary>
    public static StunMethod MethodOf(ushort type) =>
        (StunMethod)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));

    /// <summary>Extracts the class from a type field.</summary>
    public static StunClass ClassOf(ushort type) =>
        (StunClass)(((type >> 4) & 1) | ((type >> 7) & 2));
}
