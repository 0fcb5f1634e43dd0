using System.Text;
using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Dns;

/// <summary>
/// A NAPTR resource record (RFC 3403 §4.1, type 35), which Makaretu.Dns does not model: decoded
/// here from the record's RDATA as Makaretu.Dns hands it over (an unknown record's data).
/// <code>
/// ORDER (16 bits) PREFERENCE (16 bits) FLAGS SERVICES REGEXP (character-strings) REPLACEMENT (domain-name)
/// </code>
/// The three strings are RFC 1035 §3.3 character-strings (a length octet, then that many octets);
/// REPLACEMENT is an uncompressed domain name ("Name compression is not to be used for this
/// field", RFC 3403 §4.1), the root (".") when REGEXP is used instead. RFC 3263 §4.1 reads the
/// SIP services (<see cref="SipServices"/>) from SERVICES with flag "S".
/// </summary>
internal sealed class NaptrRecord
{
    /// <summary>The RR TYPE of NAPTR (RFC 3403 §4).</summary>
    public const int TypeCode = 35;

    /// <summary>The RFC 3263 §4.1 services (and RFC 7118 §9 for WebSocket) and the transport each names.</summary>
    public static readonly IReadOnlyDictionary<string, string> SipServices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["SIP+D2U"] = "UDP",
        ["SIP+D2T"] = "TCP",
        ["SIPS+D2T"] = "TLS",
        ["SIP+D2W"] = "WS",
        ["SIPS+D2W"] = "WSS",
    };

    private NaptrRecord(int order, int preference, string flags, string services, string regexp, string replacement)
    {
        Order = order;
        Preference = preference;
        Flags = flags;
        Services = services;
        Regexp = regexp;
        Replacement = replacement;
    }

    /// <summary>ORDER: records are processed lowest first; a client must not go on to a higher order once one matched.</summary>
    public int Order { get; }

    /// <summary>PREFERENCE: among records of one order, lowest first.</summary>
    public int Preference { get; }

    /// <summary>FLAGS: "S" (the next lookup is SRV), "A" (A/AAAA), "U" (REGEXP yields a URI), "P", or empty (another NAPTR).</summary>
    public string Flags { get; }

    /// <summary>SERVICES, e.g. <c>SIP+D2U</c>.</summary>
    public string Services { get; }

    /// <summary>REGEXP: the substitution expression (empty when REPLACEMENT is used).</summary>
    public string Regexp { get; }

    /// <summary>REPLACEMENT without the trailing dot; empty for the root.</summary>
    public string Replacement { get; }

    /// <summary>True when the flags hold <paramref name="flag"/> (flags are single characters, case-insensitive, RFC 3403 §4.1).</summary>
    public bool HasFlag(char flag) => Flags.IndexOf(char.ToUpperInvariant(flag)) >= 0 || Flags.IndexOf(char.ToLowerInvariant(flag)) >= 0;

    /// <summary>
    /// Decodes <paramref name="rdata"/>. Never throws: false with where decoding failed for
    /// truncated, overlong or compressed data.
    /// </summary>
    public static bool TryDecode(byte[] rdata, out NaptrRecord? record, out string? error)
    {
        record = null;
        if (rdata is null || rdata.Length < 4)
        {
            error = "RDATA shorter than ORDER and PREFERENCE (4 bytes)";
            return false;
        }

        var order = BigEndian.ReadUInt16(rdata, 0);
        var preference = BigEndian.ReadUInt16(rdata, 2);
        var offset = 4;
        var strings = new string[3];
        var names = new[] { "FLAGS", "SERVICES", "REGEXP" };
        for (var i = 0; i < strings.Length; i++)
        {
            if (offset >= rdata.Length || offset + 1 + rdata[offset] > rdata.Length)
            {
                error = names[i] + " runs past the end of RDATA at offset " + offset;
                return false;
            }

            strings[i] = Encoding.UTF8.GetString(rdata, offset + 1, rdata[offset]);
            offset += 1 + rdata[offset];
        }

        if (!TryReadName(rdata, ref offset, out var replacement, out error))
        {
            return false;
        }

        if (offset != rdata.Length)
        {
            error = (rdata.Length - offset) + " byte(s) after REPLACEMENT";
            return false;
        }

        record = new NaptrRecord(order, preference, strings[0], strings[1], strings[2], replacement);
        return true;
    }

    /// <summary>The record in master-file form (RFC 3403 §4.1), e.g. <c>10 50 "S" "SIP+D2U" "" _sip._udp.example.com.</c>.</summary>
    public override string ToString() =>
        Order + " " + Preference + " \"" + Flags + "\" \"" + Services + "\" \"" + Regexp + "\" " + (Replacement.Length == 0 ? "." : Replacement + ".");

    /// <summary>An uncompressed domain name (RFC 1035 §3.1): labels of 1 to 63 octets, ending with the root's zero octet, 255 octets at most.</summary>
    private static bool TryReadName(byte[] data, ref int offset, out string name, out string? error)
    {
        name = string.Empty;
        var labels = new List<string>();
        var start = offset;
        while (true)
        {
            if (offset >= data.Length)
            {
                error = "REPLACEMENT has no terminating root label";
                return false;
            }

            var length = data[offset];
            if ((length & 0xC0) != 0)
            {
                error = "REPLACEMENT uses a compression pointer or an unknown label type (0x" + length.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + "), which RFC 3403 §4.1 forbids";
                return false;
            }

            offset++;
            if (length == 0)
            {
                break;
            }

            if (offset + length > data.Length)
            {
                error = "a REPLACEMENT label runs past the end of RDATA";
                return false;
            }

            labels.Add(Encoding.ASCII.GetString(data, offset, length));
            offset += length;
        }

        if (offset - start > 255)
        {
            error = "REPLACEMENT is longer than 255 octets";
            return false;
        }

        name = string.Join(".", labels);
        error = null;
        return true;
    }
}
