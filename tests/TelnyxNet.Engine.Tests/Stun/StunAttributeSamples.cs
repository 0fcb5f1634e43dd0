using System.Net;
using System.Text;
using TelnyxNet.Engine.Stun;
using T = TelnyxNet.Engine.Stun.StunAttributeType;

namespace TelnyxNet.Engine.Tests.Stun;

/// <summary>
/// Representative values for every attribute type the registry knows, each with its value bytes
/// on the wire written out by hand (XOR forms under <see cref="TransactionIdHex"/>, the id of
/// RFC 5769's vectors). FINGERPRINT has no sample: the builder computes it.
/// </summary>
internal static class StunAttributeSamples
{
    public const string TransactionIdHex = "b7e7a701bc34d686fa87dfae";

    public static readonly IPEndPoint V4 = new(IPAddress.Parse("192.0.2.1"), 32853);
    public static readonly IPEndPoint V6 = new(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853);

    private const string V4Plain = "00018055c0000201";
    private const string V6Plain = "0002805520010db8123456780011223344556677";
    private const string V4Xor = "0001a147e112a643";
    private const string V6Xor = "0002a1470113a9faa5d3f179bc25f4b5bed2b9d9";

    public static TransactionId TransactionId => TransactionId.FromBytes(Convert.FromHexString(TransactionIdHex), 0);

    /// <summary>The samples of each type, with the expected value bytes in lower-case hex.</summary>
    public static IReadOnlyDictionary<ushort, (StunAttribute Attribute, string Wire)[]> ByType { get; } = new Dictionary<ushort, (StunAttribute, string)[]>
    {
        [T.MappedAddress] = Addresses(T.MappedAddress),
        [T.AlternateServer] = Addresses(T.AlternateServer),
        [T.ResponseOrigin] = Addresses(T.ResponseOrigin),
        [T.OtherAddress] = Addresses(T.OtherAddress),
        [T.XorMappedAddress] = XorAddresses(T.XorMappedAddress),
        [T.XorPeerAddress] = XorAddresses(T.XorPeerAddress),
        [T.XorRelayedAddress] = XorAddresses(T.XorRelayedAddress),
        [T.ChangeRequest] = new (StunAttribute, string)[]
        {
            (new StunChangeRequestAttribute(changeIp: true, changePort: false), "00000004"),
            (new StunChangeRequestAttribute(changeIp: false, changePort: true), "00000002"),
            (new StunChangeRequestAttribute(changeIp: true, changePort: true), "00000006"),
            (new StunChangeRequestAttribute(changeIp: false, changePort: false), "00000000"),
        },
        [T.Username] = Texts(T.Username, "evtj:h6vY", "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", string.Empty),
        [T.Realm] = Texts(T.Realm, "example.org"),
        [T.Nonce] = Texts(T.Nonce, "f//499k954d6OL34oL9FSTvy64sA"),
        [T.Software] = Texts(T.Software, "TelnyxNet 1.0 (\u00E9t\u00E9)"),
        [T.AlternateDomain] = Texts(T.AlternateDomain, "stun.example.com"),
        [T.MessageIntegrity] = new (StunAttribute, string)[]
        {
            (new StunMessageIntegrityAttribute(T.MessageIntegrity, Sequence(20)), Hex(Sequence(20))),
        },
        [T.MessageIntegritySha256] = new (StunAttribute, string)[]
        {
            (new StunMessageIntegrityAttribute(T.MessageIntegritySha256, Sequence(32)), Hex(Sequence(32))),
            (new StunMessageIntegrityAttribute(T.MessageIntegritySha256, Sequence(16)), Hex(Sequence(16))),
        },
        [T.ErrorCode] = new (StunAttribute, string)[]
        {
            (new StunErrorCodeAttribute(401, "Unauthorized"), "00000401" + Hex(Encoding.UTF8.GetBytes("Unauthorized"))),
            (new StunErrorCodeAttribute(300, string.Empty), "00000300"),
            (new StunErrorCodeAttribute(699, "x"), "0000066378"),
            (new StunErrorCodeAttribute(420, "Unknown Attribute"), "00000414" + Hex(Encoding.UTF8.GetBytes("Unknown Attribute"))),
        },
        [T.UnknownAttributes] = new (StunAttribute, string)[]
        {
            (new StunUnknownAttributesAttribute(new ushort[] { 0x7FFF, 0x0031, 0xC001 }), "7fff0031c001"),
            (new StunUnknownAttributesAttribute(Array.Empty<ushort>()), string.Empty),
        },
        [T.ChannelNumber] = new (StunAttribute, string)[]
        {
            (new StunShortFieldAttribute(T.ChannelNumber, 0x4000), "40000000"),
            (new StunShortFieldAttribute(T.ChannelNumber, 0x7FFF), "7fff0000"),
        },
        [T.RequestedAddressFamily] = new (StunAttribute, string)[]
        {
            (new StunShortFieldAttribute(T.RequestedAddressFamily, 1), "01000000"),
            (new StunShortFieldAttribute(T.RequestedAddressFamily, 2), "02000000"),
        },
        [T.EvenPort] = new (StunAttribute, string)[]
        {
            (new StunShortFieldAttribute(T.EvenPort, 1), "80"),
            (new StunShortFieldAttribute(T.EvenPort, 0), "00"),
        },
        [T.RequestedTransport] = new (StunAttribute, string)[]
        {
            (new StunShortFieldAttribute(T.RequestedTransport, 17), "11000000"),
        },
        [T.ResponsePort] = new (StunAttribute, string)[]
        {
            (new StunShortFieldAttribute(T.ResponsePort, 3479), "0d97"),
        },
        [T.Lifetime] = new (StunAttribute, string)[]
        {
            (new StunNumberAttribute(T.Lifetime, 600), "00000258"),
            (new StunNumberAttribute(T.Lifetime, uint.MaxValue), "ffffffff"),
        },
        [T.Priority] = new (StunAttribute, string)[]
        {
            (new StunNumberAttribute(T.Priority, 0x6e0001ff), "6e0001ff"),
        },
        [T.IceControlled] = new (StunAttribute, string)[]
        {
            (new StunNumberAttribute(T.IceControlled, ulong.MaxValue), "ffffffffffffffff"),
        },
        [T.IceControlling] = new (StunAttribute, string)[]
        {
            (new StunNumberAttribute(T.IceControlling, 0x0123456789abcdef), "0123456789abcdef"),
        },
        [T.Data] = new (StunAttribute, string)[]
        {
            (new StunBytesAttribute(T.Data, new byte[] { 1, 2, 3, 4, 5 }), "0102030405"),
            (new StunBytesAttribute(T.Data, Array.Empty<byte>()), string.Empty),
        },
        [T.Padding] = new (StunAttribute, string)[]
        {
            (new StunBytesAttribute(T.Padding, new byte[] { 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5, 0xa5 }), "a5a5a5a5a5a5a5"),
        },
        [T.ReservationToken] = new (StunAttribute, string)[]
        {
            (new StunBytesAttribute(T.ReservationToken, Convert.FromHexString("0123456789abcdef")), "0123456789abcdef"),
        },
        [T.UserHash] = new (StunAttribute, string)[]
        {
            (new StunBytesAttribute(T.UserHash, Sequence(32)), Hex(Sequence(32))),
        },
        [T.DontFragment] = new (StunAttribute, string)[] { (new StunFlagAttribute(T.DontFragment), string.Empty) },
        [T.UseCandidate] = new (StunAttribute, string)[] { (new StunFlagAttribute(T.UseCandidate), string.Empty) },
        [T.PasswordAlgorithm] = new (StunAttribute, string)[]
        {
            (new StunPasswordAlgorithmsAttribute(T.PasswordAlgorithm, new[] { new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Sha256) }), "00020000"),
        },
        [T.PasswordAlgorithms] = new (StunAttribute, string)[]
        {
            (new StunPasswordAlgorithmsAttribute(T.PasswordAlgorithms, new[] { new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Md5), new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Sha256) }), "0001000000020000"),
            (new StunPasswordAlgorithmsAttribute(T.PasswordAlgorithms, new[] { new StunPasswordAlgorithmEntry((StunPasswordAlgorithm)0x7777, new byte[] { 1, 2, 3 }), new StunPasswordAlgorithmEntry(StunPasswordAlgorithm.Md5) }), "77770003010203000001" + "0000"),
        },
    };

    /// <summary>Every sample in type order.</summary>
    public static IEnumerable<StunAttribute> All => ByType.OrderBy(p => p.Key).SelectMany(p => p.Value.Select(s => s.Attribute));

    private static (StunAttribute, string)[] Addresses(ushort type) => new (StunAttribute, string)[]
    {
        (new StunAddressAttribute(type, V4), V4Plain),
        (new StunAddressAttribute(type, V6), V6Plain),
    };

    private static (StunAttribute, string)[] XorAddresses(ushort type) => new (StunAttribute, string)[]
    {
        (new StunXorAddressAttribute(type, V4), V4Xor),
        (new StunXorAddressAttribute(type, V6), V6Xor),
    };

    private static (StunAttribute, string)[] Texts(ushort type, params string[] values) =>
        values.Select(v => ((StunAttribute)new StunTextAttribute(type, v), Hex(Encoding.UTF8.GetBytes(v)))).ToArray();

    private static byte[] Sequence(int length) => Enumerable.Range(1, length).Select(i => (byte)(i * 7)).ToArray();

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
