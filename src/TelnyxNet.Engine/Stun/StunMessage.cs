using System.Net;
using System.Text;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// A decoded STUN message (RFC 8489 §5): the raw bytes exactly as received plus the attributes
/// parsed from them, in order. Created by <see cref="StunDecoder"/> or <see cref="StunMessageBuilder"/>.
/// </summary>
public sealed class StunMessage
{
    /// <summary>The fixed magic cookie (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>The header is 20 bytes.</summary>
    public const int HeaderLength = 20;

    private readonly byte[] _raw;
    private readonly IReadOnlyList<int> _offsets;

    internal StunMessage(byte[] raw, TransactionId transactionId, IReadOnlyList<StunAttribute> attributes, IReadOnlyList<int> offsets, IReadOnlyList<ushort> unknownRequired, int ignoredAfterIntegrity)
    {
        _raw = raw;
        _offsets = offsets;
        MessageType = Internal.BigEndian.ReadUInt16(raw, 0);
        TransactionId = transactionId;
        Attributes = attributes;
        UnknownComprehensionRequired = unknownRequired;
        IgnoredAfterIntegrity = ignoredAfterIntegrity;
    }

    /// <summary>The 16-bit message type field.</summary>
    public ushort MessageType { get; }

    /// <summary>The method, e.g. Binding.</summary>
    public StunMethod Method => StunMessageType.MethodOf(MessageType);

    /// <summary>The class: request, indication, success or error response.</summary>
    public StunClass Class => StunMessageType.ClassOf(MessageType);

    /// <summary>The 96-bit transaction id.</summary>
    public TransactionId TransactionId { get; }

    /// <summary>The attributes in wire order (those after MESSAGE-INTEGRITY that RFC 8489 §14.5 says to ignore are left out).</summary>
    public IReadOnlyList<StunAttribute> Attributes { get; }

    /// <summary>Comprehension-required attribute types (below 0x8000) this library does not know.</summary>
    public IReadOnlyList<ushort> UnknownComprehensionRequired { get; }

    /// <summary>How many attributes followed MESSAGE-INTEGRITY and were ignored (RFC 8489 §14.5).</summary>
    public int IgnoredAfterIntegrity { get; }

    /// <summary>Total length in bytes, header included.</summary>
    public int Length => _raw.Length;

    /// <summary>XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS, else null.</summary>
    public IPEndPoint? MappedEndPoint =>
        GetAttribute<StunXorAddressAttribute>(StunAttributeType.XorMappedAddress)?.EndPoint
        ?? GetAttribute<StunAddressAttribute>(StunAttributeType.MappedAddress)?.EndPoint;

    /// <summary>The ERROR-CODE attribute, if any.</summary>
    public StunErrorCodeAttribute? Error => GetAttribute<StunErrorCodeAttribute>(StunAttributeType.ErrorCode);

    /// <summary>The SOFTWARE text, if any.</summary>
    public string? Software => GetAttribute<StunTextAttribute>(StunAttributeType.Software)?.Value;

    internal byte[] Raw => _raw;

    /// <summary>A copy of the message bytes.</summary>
    public byte[] ToArray() => (byte[])_raw.Clone();

    /// <summary>The first attribute of <paramref name="type"/>, or null.</summary>
    public StunAttribute? GetAttribute(ushort type) => Attributes.FirstOrDefault(a => a.Type == type);

    /// <summary>The first attribute of <paramref name="type"/> when it is a <typeparamref name="TAttribute"/>, or null.</summary>
    public TAttribute? GetAttribute<TAttribute>(ushort type)
        where TAttribute : StunAttribute => GetAttribute(type) as TAttribute;

    /// <summary>
    /// Checks MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) in constant time. False when the
    /// attribute is missing or does not match.
    /// </summary>
    public bool VerifyMessageIntegrity(byte[] key) => Verify(StunAttributeType.MessageIntegrity, key);

    /// <summary>Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) in constant time. False when missing or wrong.</summary>
    public bool VerifyMessageIntegritySha256(byte[] key) => Verify(StunAttributeType.MessageIntegritySha256, key);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Class).Append(" id=").Append(TransactionId);
        foreach (var attribute in Attributes)
        {
            text.Append("; ").Append(attribute);
        }

        return text.ToString();
    }

    private bool Verify(ushort type, byte[] key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        for (var i = 0; i < Attributes.Count; i++)
        {
            if (Attributes[i] is StunMessageIntegrityAttribute integrity && integrity.Type == type)
            {
                return StunIntegrity.Verify(_raw, _offsets[i], integrity, key);
            }
        }

        return false;
    }
}
