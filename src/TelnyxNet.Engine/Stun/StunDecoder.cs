using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// Turns bytes into a <see cref="StunMessage"/>. Strict (RFC 8489 §6.3): the whole buffer must be
/// exactly one message, every known attribute must decode, FINGERPRINT (when present) must be
/// last and must match. Never throws: any failure comes back as a <see cref="StunDecodeError"/>
/// naming the byte offset and the reason.
/// </summary>
public static class StunDecoder
{
    /// <summary>
    /// True when the bytes claim to be STUN: the first two bits are zero and the magic cookie is in
    /// place (RFC 8489 §6, §5; the demultiplexing rule of RFC 7983 §7). TURN ChannelData starts
    /// with 01 (RFC 8656 §12.4) and so never claims to be STUN. Says nothing about validity.
    /// </summary>
    public static bool LooksLikeStun(byte[] buffer, int offset, int count) =>
        buffer != null && offset >= 0 && count >= StunMessage.HeaderLength && (long)offset + count <= buffer.Length
        && (buffer[offset] & 0xC0) == 0 && BigEndian.ReadUInt32(buffer, offset + 4) == StunMessage.MagicCookie;

    /// <summary>Decodes a whole array as one message.</summary>
    public static bool TryDecode(byte[]? buffer, out StunMessage? message, out StunDecodeError? error) =>
        TryDecode(buffer, 0, buffer?.Length ?? 0, out message, out error);

    /// <summary>Decodes <paramref name="count"/> bytes at <paramref name="offset"/> as one message.</summary>
    public static bool TryDecode(byte[]? buffer, int offset, int count, out StunMessage? message, out StunDecodeError? error)
    {
        message = null;
        if (buffer is null)
        {
            error = new StunDecodeError(0, "no data");
            return false;
        }

        if (offset < 0 || count < 0 || (long)offset + count > buffer.Length)
        {
            error = new StunDecodeError(0, "offset " + offset + " and count " + count + " do not fit a buffer of " + buffer.Length + " bytes");
            return false;
        }

        error = CheckHeader(buffer, offset, count, out var bodyLength);
        if (error != null)
        {
            return false;
        }

        var raw = new byte[StunMessage.HeaderLength + bodyLength];
        Buffer.BlockCopy(buffer, offset, raw, 0, raw.Length);
        return TryDecodeAttributes(raw, out message, out error);
    }

    /// <summary>
    /// Checks the 20-byte header (RFC 8489 §5): top two bits zero, length a multiple of four,
    /// the magic cookie, and that exactly header + length bytes are present.
    /// </summary>
    private static StunDecodeError? CheckHeader(byte[] buffer, int offset, int count, out int bodyLength)
    {
        bodyLength = 0;
        if (count < StunMessage.HeaderLength)
        {
            return new StunDecodeError(count, "truncated header: " + count + " bytes, 20 needed");
        }

        if ((buffer[offset] & 0xC0) != 0)
        {
            return new StunDecodeError(0, "the first two bits are not zero (not a STUN message)");
        }

        bodyLength = BigEndian.ReadUInt16(buffer, offset + 2);
        if (bodyLength % 4 != 0)
        {
            return new StunDecodeError(2, "message length " + bodyLength + " is not a multiple of 4");
        }

        var cookie = BigEndian.ReadUInt32(buffer, offset + 4);
        if (cookie != StunMessage.MagicCookie)
        {
            return new StunDecodeError(4, "magic cookie 0x" + cookie.ToString("x8") + " instead of 0x2112a442 (not RFC 5389/8489 STUN)");
        }

        var available = count - StunMessage.HeaderLength;
        if (available < bodyLength)
        {
            return new StunDecodeError(count, "truncated: the header announces " + bodyLength + " bytes of attributes, " + available + " present");
        }

        if (available > bodyLength)
        {
            return new StunDecodeError(StunMessage.HeaderLength + bodyLength, "overlong: " + (available - bodyLength) + " bytes after the announced end of the message");
        }

        return null;
    }

    private static bool TryDecodeAttributes(byte[] raw, out StunMessage? message, out StunDecodeError? error)
    {
        message = null;
        var transactionId = TransactionId.FromBytes(raw, 8);
        var attributes = new List<StunAttribute>();
        var offsets = new List<int>();
        var unknownRequired = new List<ushort>();
        var ignored = 0;
        var integrityState = IntegrityState.None;
        var position = StunMessage.HeaderLength;

        // The header check made the body a multiple of 4, and each step below is too, so at least
        // a whole attribute header is always left and the padding of a value that fits always fits.
        while (position < raw.Length)
        {
            var type = BigEndian.ReadUInt16(raw, position);
            var length = BigEndian.ReadUInt16(raw, position + 2);
            var padded = (length + 3) & ~3;
            if (integrityState == IntegrityState.AfterFingerprint)
            {
                error = new StunDecodeError(position, "attribute after FINGERPRINT, which must be last", type);
                return false;
            }

            if (length > raw.Length - position - 4)
            {
                error = new StunDecodeError(position, "length " + length + " overruns the message (" + (raw.Length - position - 4) + " bytes left)", type);
                return false;
            }

            if (IsIgnoredAfterIntegrity(integrityState, type))
            {
                ignored++;
                position += 4 + padded;
                continue;
            }

            var value = new AttributeValue(type, raw, position + 4, length, transactionId);
            var attribute = StunAttributeRegistry.Decode(value, out var attributeError);
            if (attribute is null)
            {
                error = new StunDecodeError(position, attributeError ?? "invalid value", type);
                return false;
            }

            if (attribute is StunFingerprintAttribute fingerprint)
            {
                var expected = StunIntegrity.ComputeFingerprint(raw, position);
                if (expected != fingerprint.Value)
                {
                    error = new StunDecodeError(position, "CRC mismatch: 0x" + fingerprint.Value.ToString("x8") + " carried, 0x" + expected.ToString("x8") + " computed", type);
                    return false;
                }

                integrityState = IntegrityState.AfterFingerprint;
            }
            else if (type == StunAttributeType.MessageIntegrity)
            {
                integrityState = IntegrityState.AfterSha1;
            }
            else if (type == StunAttributeType.MessageIntegritySha256)
            {
                integrityState = IntegrityState.AfterSha256;
            }

            if (!StunAttributeRegistry.IsKnown(type) && StunAttributeType.IsComprehensionRequired(type))
            {
                unknownRequired.Add(type);
            }

            attributes.Add(attribute);
            offsets.Add(position);
            position += 4 + padded;
        }

        error = null;
        message = new StunMessage(raw, transactionId, attributes, offsets, unknownRequired, ignored);
        return true;
    }

    /// <summary>
    /// After MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count; after
    /// MESSAGE-INTEGRITY-SHA256 only FINGERPRINT (RFC 8489 §14.5, §14.6).
    /// </summary>
    private static bool IsIgnoredAfterIntegrity(IntegrityState state, ushort type) => state switch
    {
        IntegrityState.AfterSha1 => type != StunAttributeType.MessageIntegritySha256 && type != StunAttributeType.Fingerprint,
        IntegrityState.AfterSha256 => type != StunAttributeType.Fingerprint,
        _ => false,
    };

    private enum IntegrityState
    {
        None,
        AfterSha1,
        AfterSha256,
        AfterFingerprint,
    }
}
