namespace TelnyxNet.Engine.Internal;

/// <summary>Network byte order reads and writes on plain arrays (netstandard2.0 has no BinaryPrimitives).</summary>
internal static class BigEndian
{
    public static ushort ReadUInt16(byte[] b, int offset) => (ushort)((b[offset] << 8) | b[offset + 1]);

    public static uint ReadUInt32(byte[] b, int offset) =>
        ((uint)b[offset] << 24) | ((uint)b[offset + 1] << 16) | ((uint)b[offset + 2] << 8) | b[offset + 3];

    public static ulong ReadUInt64(byte[] b, int offset) =>
        ((ulong)ReadUInt32(b, offset) << 32) | ReadUInt32(b, offset + 4);

    public static void WriteUInt16(byte[] b, int offset, ushort value)
    {
        b[offset] = (byte)(value >> 8);
        b[offset + 1] = (byte)value;
    }

    public static void WriteUInt32(byte[] b, int offset, uint value)
    {
        b[offset] = (byte)(value >> 24);
        b[offset + 1] = (byte)(value >> 16);
        b[offset + 2] = (byte)(value >> 8);
        b[offset + 3] = (byte)value;
    }
}
