namespace TelnyxNet.Engine.Stun;

/// <summary>The value bytes of one attribute as found in a message, handed to its decoder.</summary>
internal readonly struct AttributeValue
{
    public AttributeValue(ushort type, byte[] buffer, int offset, int length, TransactionId transactionId)
    {
        Type = type;
        Buffer = buffer;
        Offset = offset;
        Length = length;
        TransactionId = transactionId;
    }

    public ushort Type { get; }

    public byte[] Buffer { get; }

    public int Offset { get; }

    public int Length { get; }

    public TransactionId TransactionId { get; }

    public byte this[int index] => Buffer[Offset + index];

    public byte[] ToArray()
    {
        var copy = new byte[Length];
        System.Buffer.BlockCopy(Buffer, Offset, copy, 0, Length);
        return copy;
    }
}

/// <summary>Decodes one attribute value; returns null and sets <paramref name="error"/> when the value is invalid.</summary>
internal delegate StunAttribute? AttributeDecoder(in AttributeValue value, out string? error);
