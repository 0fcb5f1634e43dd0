using System.Text;

namespace TelnyxNet.Engine.Tests.Dns;

/// <summary>Builds NAPTR RDATA (RFC 3403 §4.1) byte by byte, independent of the decoder under test.</summary>
internal static class NaptrRdata
{
    public static byte[] Build(int order, int preference, string flags, string services, string regexp, string replacement)
    {
        var bytes = new List<byte> { (byte)(order >> 8), (byte)order, (byte)(preference >> 8), (byte)preference };
        foreach (var text in new[] { flags, services, regexp })
        {
            var encoded = Encoding.UTF8.GetBytes(text);
            bytes.Add((byte)encoded.Length);
            bytes.AddRange(encoded);
        }

        foreach (var label in replacement.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return bytes.ToArray();
    }
}
