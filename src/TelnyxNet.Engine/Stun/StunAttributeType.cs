namespace TelnyxNet.Engine.Stun;

/// <summary>
/// Attribute type codes from the IANA "STUN Attributes" registry. Types below 0x8000 are
/// comprehension-required, the rest comprehension-optional (RFC 8489 §14).
/// </summary>
public static class StunAttributeType
{
    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
    public const ushort MappedAddress = 0x0001;

    /// <summary>CHANGE-REQUEST (RFC 5780 §7.2).</summary>
    public const ushort ChangeRequest = 0x0003;

    /// <summary>USERNAME (RFC 8489 §14.3).</summary>
    public const ushort Username = 0x0006;

    /// <summary>MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    public const ushort MessageIntegrity = 0x0008;

    /// <summary>ERROR-CODE (RFC 8489 §14.8).</summary>
    public const ushort ErrorCode = 0x0009;

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.13).</summary>
    public const ushort UnknownAttributes = 0x000A;

    /// <summary>CHANNEL-NUMBER (RFC 8656 §18.1).</summary>
    public const ushort ChannelNumber = 0x000C;

    /// <summary>LIFETIME (RFC 8656 §18.2).</summary>
    public const ushort Lifetime = 0x000D;

    /// <summary>XOR-PEER-ADDRESS (RFC 8656 §18.3).</summary>
    public const ushort XorPeerAddress = 0x0012;

    /// <summary>DATA (RFC 8656 §18.4).</summary>
    public const ushort Data = 0x0013;

    /// <summary>REALM (RFC 8489 §14.9).</summary>
    public const ushort Realm = 0x0014;

    /// <summary>NONCE (RFC 8489 §14.10).</summary>
    public const ushort Nonce = 0x0015;

    /// <summary>XOR-RELAYED-ADDRESS (RFC 8656 §18.5).</summary>
    public const ushort XorRelayedAddress = 0x0016;

    /// <summary>REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.6).</summary>
    public const ushort RequestedAddressFamily = 0x0017;

    /// <summary>EVEN-PORT (RFC 8656 §18.7).</summary>
    public const ushort EvenPort = 0x0018;

    /// <summary>REQUESTED-TRANSPORT (RFC 8656 §18.8).</summary>
    public const ushort RequestedTransport = 0x0019;

    /// <summary>DONT-FRAGMENT (RFC 8656 §18.9).</summary>
    public const ushort DontFragment = 0x001A;

    /// <summary>MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6).</summary>
    public const ushort MessageIntegritySha256 = 0x001C;

    /// <summary>PASSWORD-ALGORITHM (RFC 8489 §14.12).</summary>
    public const ushort PasswordAlgorithm = 0x001D;

    /// <summary>USERHASH (RFC 8489 §14.4).</summary>
    public const ushort UserHash = 0x001E;

    /// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</summary>
    public const ushort XorMappedAddress = 0x0020;

    /// <summary>RESERVATION-TOKEN (RFC 8656 §18.10).</summary>
    public const ushort ReservationToken = 0x0022;

    /// <summary>PRIORITY (RFC 8445 §16.1).</summary>
    public const ushort Priority = 0x0024;

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1).</summary>
    public const ushort UseCandidate = 0x0025;

    /// <summary>PADDING (RFC 5780 §7.6).</summary>
    public const ushort Padding = 0x0026;

    /// <summary>RESPONSE-PORT (RFC 5780 §7.5).</summary>
    public const ushort ResponsePort = 0x0027;

    /// <summary>PASSWORD-ALGORITHMS (RFC 8489 §14.11).</summary>
    public const ushort PasswordAlgorithms = 0x8002;

    /// <summary>ALTERNATE-DOMAIN (RFC 8489 §14.16).</summary>
    public const ushort AlternateDomain = 0x8003;

    /// <summary>SOFTWARE (RFC 8489 §14.14).</summary>
    public const ushort Software = 0x8022;

    /// <summary>ALTERNATE-SERVER (RFC 8489 §14.15).</summary>
    public const ushort AlternateServer = 0x8023;

    /// <summary>FINGERPRINT (RFC 8489 §14.7).</summary>
    public const ushort Fingerprint = 0x8028;

    /// <summary>ICE-CONTROLLED (RFC 8445 §16.1).</summary>
    public const ushort IceControlled = 0x8029;

    /// <summary>ICE-CONTROLLING (RFC 8445 §16.1).</summary>
    public const ushort IceControlling = 0x802A;

    /// <summary>RESPONSE-ORIGIN (RFC 5780 §7.3).</summary>
    public const ushort ResponseOrigin = 0x802B;

    /// <summary>OTHER-ADDRESS (RFC 5780 §7.4).</summary>
    public const ushort OtherAddress = 0x802C;

    /// <summary>True for types 0x0000-0x7FFF, which an agent must understand (RFC 8489 §14).</summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;
}
