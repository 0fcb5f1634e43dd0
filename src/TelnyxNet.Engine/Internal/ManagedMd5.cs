namespace TelnyxNet.Engine.Internal;

/// <summary>
/// MD5 (RFC 1321) in managed code, for the one place STUN needs it: the long-term credential key
/// (RFC 8489 §9.2.2). Used only where the platform refuses MD5, as Windows does when FIPS mode is
/// enforced (<c>MD5.Create()</c> throws there), so that Test-TelnyxTurn still authenticates.
/// </summary>
internal static class ManagedMd5
{
    /// <summary>The per-round shift amounts (RFC 1321 §3.4).</summary>
    private static readonly int[] Shifts =
    {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    };

    /// <summary>T[i] = floor(2^32 * |sin(i + 1)|) (RFC 1321 §3.4).</summary>
    private static readonly uint[] Sines = Enumerable.Range(1, 64).Select(i => (uint)(long)Math.Floor(4294967296.0 * Math.Abs(Math.Sin(i)))).ToArray();

    /// <summary>The 16-byte digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(byte[] data)
    {
        // RFC 1321 §3.1–3.2: append 0x80, zeros to 56 mod 64, then the bit length, little-endian.
        var padded = new byte[((data.Length + 8) / 64 + 1) * 64];
        Buffer.BlockCopy(data, 0, padded, 0, data.Length);
        padded[data.Length] = 0x80;
        var bits = (ulong)data.Length * 8;
        for (var i = 0; i < 8; i++)
        {
            padded[padded.Length - 8 + i] = (byte)(bits >> (8 * i));
        }

        uint a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
        var m = new uint[16];
        for (var block = 0; block < padded.Length; block += 64)
        {
            for (var j = 0; j < 16; j++)
            {
                m[j] = (uint)(padded[block + (j * 4)] | (padded[block + (j * 4) + 1] << 8) | (padded[block + (j * 4) + 2] << 16) | (padded[block + (j * 4) + 3] << 24));
            }

            uint a = a0, b = b0, c = c0, d = d0;
            for (var i = 0; i < 64; i++)
            {
                uint f;
                int g;
                switch (i / 16)
                {
                    case 0:
                        f = (b & c) | (~b & d);
                        g = i;
                        break;
                    case 1:
                        f = (d & b) | (~d & c);
                        g = ((5 * i) + 1) % 16;
                        break;
                    case 2:
                        f = b ^ c ^ d;
                        g = ((3 * i) + 5) % 16;
                        break;
                    default:
                        f = c ^ (b | ~d);
                        g = (7 * i) % 16;
                        break;
                }

                var rotated = a + f + Sines[i] + m[g];
                a = d;
                d = c;
                c = b;
                b += (rotated << Shifts[i]) | (rotated >> (32 - Shifts[i]));
            }

            a0 += a;
            b0 += b;
            c0 += c;
            d0 += d;
        }

        var digest = new byte[16];
        var words = new[] { a0, b0, c0, d0 };
        for (var i = 0; i < 16; i++)
        {
            digest[i] = (byte)(words[i / 4] >> (8 * (i % 4)));
        }

        return digest;
    }
}
