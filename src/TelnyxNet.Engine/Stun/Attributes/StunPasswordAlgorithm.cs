namespace TelnyxNet.Engine.Stun;

/// <summary>Password algorithms of the IANA "STUN Password Algorithms" registry (RFC 8489 §18.5).</summary>
public enum StunPasswordAlgorithm : ushort
{
    /// <summary>MD5 key, as in RFC 5389 (RFC 8489 §18.5.1.1).</summary>
    Md5 = 0x0001,

    /// <summary>SHA-256 key (RFC 8489 §18.5.1.2).</summary>
    Sha256 = 0x0002,
}

/// <summary>One algorithm with its parameters, as listed in PASSWORD-ALGORITHM(S).</summary>
public sealed class StunPasswordAlgorithmEntry
{
    /// <summary>Creates an entry.</summary>
    public StunPasswordAlgorithmEntry(StunPasswordAlgorithm algorithm, byte[]? parameters = null)
    {
        Algorithm = algorithm;
        Parameters = (byte[])(parameters ?? Array.Empty<byte>()).Clone();
    }

    /// <summary>The algorithm number.</summary>
    public StunPasswordAlgorithm Algorithm { get; }

    /// <summary>The algorithm parameters (empty for MD5 and SHA-256).</summary>
    public IReadOnlyList<byte> Parameters { get; }

    /// <inheritdoc />
    public override string ToString() => Algorithm.ToString();
}
