using T = TelnyxNet.Engine.Stun.StunAttributeType;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// The one table that names every attribute type this library understands and the decoder for
/// its value. Types not in the table decode as <see cref="StunRawAttribute"/>.
/// </summary>
public static class StunAttributeRegistry
{
    private static readonly Dictionary<ushort, Entry> Entries = new()
    {
        [T.MappedAddress] = new("MAPPED-ADDRESS", StunAddressAttribute.Decode),
        [T.ChangeRequest] = new("CHANGE-REQUEST", StunChangeRequestAttribute.Decode),
        [T.Username] = new("USERNAME", StunTextAttribute.Decode),
        [T.MessageIntegrity] = new("MESSAGE-INTEGRITY", StunMessageIntegrityAttribute.Decode),
        [T.ErrorCode] = new("ERROR-CODE", StunErrorCodeAttribute.Decode),
        [T.UnknownAttributes] = new("UNKNOWN-ATTRIBUTES", StunUnknownAttributesAttribute.Decode),
        [T.ChannelNumber] = new("CHANNEL-NUMBER", StunShortFieldAttribute.Decode),
        [T.Lifetime] = new("LIFETIME", StunNumberAttribute.Decode),
        [T.XorPeerAddress] = new("XOR-PEER-ADDRESS", StunXorAddressAttribute.Decode),
        [T.Data] = new("DATA", StunBytesAttribute.Decode),
        [T.Realm] = new("REALM", StunTextAttribute.Decode),
        [T.Nonce] = new("NONCE", StunTextAttribute.Decode),
        [T.XorRelayedAddress] = new("XOR-RELAYED-ADDRESS", StunXorAddressAttribute.Decode),
        [T.RequestedAddressFamily] = new("REQUESTED-ADDRESS-FAMILY", StunShortFieldAttribute.Decode),
        [T.EvenPort] = new("EVEN-PORT", StunShortFieldAttribute.Decode),
        [T.RequestedTransport] = new("REQUESTED-TRANSPORT", StunShortFieldAttribute.Decode),
        [T.DontFragment] = new("DONT-FRAGMENT", StunFlagAttribute.Decode),
        [T.MessageIntegritySha256] = new("MESSAGE-INTEGRITY-SHA256", StunMessageIntegrityAttribute.Decode),
        [T.PasswordAlgorithm] = new("PASSWORD-ALGORITHM", StunPasswordAlgorithmsAttribute.Decode),
        [T.UserHash] = new("USERHASH", StunBytesAttribute.Decode),
        [T.XorMappedAddress] = new("XOR-MAPPED-ADDRESS", StunXorAddressAttribute.Decode),
        [T.ReservationToken] = new("RESERVATION-TOKEN", StunBytesAttribute.Decode),
        [T.Priority] = new("PRIORITY", StunNumberAttribute.Decode),
        [T.UseCandidate] = new("USE-CANDIDATE", StunFlagAttribute.Decode),
        [T.Padding] = new("PADDING", StunBytesAttribute.Decode),
        [T.ResponsePort] = new("RESPONSE-PORT", StunShortFieldAttribute.Decode),
        [T.PasswordAlgorithms] = new("PASSWORD-ALGORITHMS", StunPasswordAlgorithmsAttribute.Decode),
        [T.AlternateDomain] = new("ALTERNATE-DOMAIN", StunTextAttribute.Decode),
        [T.Software] = new("SOFTWARE", StunTextAttribute.Decode),
        [T.AlternateServer] = new("ALTERNATE-SERVER", StunAddressAttribute.Decode),
        [T.Fingerprint] = new("FINGERPRINT", StunFingerprintAttribute.Decode),
        [T.IceControlled] = new("ICE-CONTROLLED", StunNumberAttribute.Decode),
        [T.IceControlling] = new("ICE-CONTROLLING", StunNumberAttribute.Decode),
        [T.ResponseOrigin] = new("RESPONSE-ORIGIN", StunAddressAttribute.Decode),
        [T.OtherAddress] = new("OTHER-ADDRESS", StunAddressAttribute.Decode),
    };

    /// <summary>Every attribute type with a typed decoder.</summary>
    public static IEnumerable<ushort> KnownTypes => Entries.Keys.OrderBy(t => t);

    /// <summary>True when <paramref name="type"/> has a typed decoder.</summary>
    public static bool IsKnown(ushort type) => Entries.ContainsKey(type);

    /// <summary>The registered name, or <c>0xNNNN</c> for an unknown type.</summary>
    public static string NameOf(ushort type) =>
        Entries.TryGetValue(type, out var entry) ? entry.Name : "0x" + type.ToString("X4");

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        if (Entries.TryGetValue(value.Type, out var entry))
        {
            return entry.Decoder(value, out error);
        }

        error = null;
        return StunRawAttribute.Decode(value);
    }

    private sealed class Entry
    {
        public Entry(string name, AttributeDecoder decoder)
        {
            Name = name;
            Decoder = decoder;
        }

        public string Name { get; }

        public AttributeDecoder Decoder { get; }
    }
}
