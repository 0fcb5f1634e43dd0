namespace TelnyxNet.Engine.Stun;

/// <summary>The class of a STUN message, carried in bits C1 and C0 of the message type (RFC 8489 §5).</summary>
public enum StunClass : byte
{
    /// <summary>0b00: a request.</summary>
    Request = 0,

    /// <summary>0b01: an indication.</summary>
    Indication = 1,

    /// <summary>0b10: a success response.</summary>
    SuccessResponse = 2,

    /// <summary>0b11: an error response.</summary>
    ErrorResponse = 3,
}
