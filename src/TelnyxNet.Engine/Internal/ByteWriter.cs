namespace TelnyxNet.Engine.Internal;

/// <summary>A growable big-endian byte buffer for encoding messages.</summary>
internal sealed class ByteWriter
{
    private byte[] _buffer;

    public ByteWriter(int capacity = 128) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public byte[] Buffer => _buffer;

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BigEndian.WriteUInt16(_buffer, Length, value);
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BigEndian.WriteUInt32(_buffer, Length, value);
        Length += 4;
    }

    public void WriteUInt64(ulong value)
    {
        WriteUInt32((uint)(value >> 32));
        WriteUInt32((uint)value);
    }

    public void WriteBytes(byte[] bytes) => WriteBytes(bytes, 0, bytes.Length);

    public void WriteBytes(byte[] bytes, int offset, int count)
    {
        Ensure(count);
        System.Buffer.BlockCopy(bytes, offset, _buffer, Length, count);
        Length += count;
    }

    public void WriteRepeated(byte value, int count)
    {
        Ensure(count);
        for (var i = 0; i < count; i++)
        {
            _buffer[Length++] = value;
        }
    }

    public byte[] ToArray()
    {
        var result = new byte[Length];
        System.Buffer.BlockCopy(_buffer, 0, result, 0, Length);
        return result;
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, Length + extra);
        Array.Resize(ref _buffer, size);
    }
}
