namespace TelnyxNet.Engine.Stun;

/// <summary>Why and where <see cref="StunDecoder.TryDecode(byte[], int, int, out StunMessage?, out StunDecodeError?)"/> gave up.</summary>
public sealed class StunDecodeError
{
    internal StunDecodeError(int offset, string reason, ushort? attributeType = null)
    {
        Offset = offset;
        Reason = reason;
        AttributeType = attributeType;
    }

    /// <summary>Byte offset from the start of the message where decoding failed.</summary>
    public int Offset { get; }

    /// <summary>What is wrong there.</summary>
    public string Reason { get; }

    /// <summary>The attribute being decoded, when the failure is inside one.</summary>
    public ushort? AttributeType { get; }

    /// <inheritdoc />
    public override string ToString() =>
        "at byte " + Offset + ": " + (AttributeType is ushort t ? StunAttributeRegistry.NameOf(t) + ": " : string.Empty) + Reason;
}
