using System.Security.Cryptography;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// The 96-bit transaction id of a STUN message (RFC 8489 §5). New ids come from a
/// cryptographically strong generator, as §5 requires so that responses cannot be forged.
/// </summary>
public readonly struct TransactionId : IEquatable<TransactionId>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 12;

    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private readonly ulong _high;
    private readonly uint _low;

    private TransactionId(ulong high, uint low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>A new id from a cryptographically strong random source.</summary>
    public static TransactionId NewRandom()
    {
        var bytes = new byte[Length];
        lock (Random)
        {
            Random.GetBytes(bytes);
        }

        return FromBytes(bytes, 0);
    }

    /// <summary>Reads 12 bytes at <paramref name="offset"/>.</summary>
    public static TransactionId FromBytes(byte[] buffer, int offset)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || buffer.Length - offset < Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        ulong high = 0;
        for (var i = 0; i < 8; i++)
        {
            high = (high << 8) | buffer[offset + i];
        }

        uint low = 0;
        for (var i = 8; i < 12; i++)
        {
            low = (low << 8) | buffer[offset + i];
        }

        return new TransactionId(high, low);
    }

    /// <summary>Writes the 12 bytes at <paramref name="offset"/>.</summary>
    public void CopyTo(byte[] buffer, int offset)
    {
        for (var i = 0; i < 8; i++)
        {
            buffer[offset + i] = (byte)(_high >> (56 - (8 * i)));
        }

        for (var i = 0; i < 4; i++)
        {
            buffer[offset + 8 + i] = (byte)(_low >> (24 - (8 * i)));
        }
    }

    /// <summary>The 12 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes, 0);
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(TransactionId other) => _high == other._high && _low == other._low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TransactionId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => unchecked((int)(_high ^ (_high >> 32)) * 31 + (int)_low);

    /// <summary>Lower-case hex, 24 digits.</summary>
    public override string ToString() => _high.ToString("x16") + _low.ToString("x8");

    /// <summary>Equality.</summary>
    public static bool operator ==(TransactionId left, TransactionId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(TransactionId left, TransactionId right) => !left.Equals(right);
}
