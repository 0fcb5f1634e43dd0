using TelnyxNet.Engine.Internal;

namespace TelnyxNet.Engine.Stun;

/// <summary>
/// PASSWORD-ALGORITHMS (RFC 8489 §14.11, the list a server offers) and PASSWORD-ALGORITHM
/// (§14.12, the one a client picked). Each entry: algorithm (16 bits), parameters length
/// (16 bits), parameters padded to a multiple of 4 bytes.
/// </summary>
public sealed class StunPasswordAlgorithmsAttribute : StunAttribute
{
    /// <summary>Creates the attribute; PASSWORD-ALGORITHM takes exactly one entry.</summary>
    public StunPasswordAlgorithmsAttribute(ushort type, IEnumerable<StunPasswordAlgorithmEntry> entries)
        : base(type)
    {
        Entries = (entries ?? throw new ArgumentNullException(nameof(entries))).ToArray();
        if (type == StunAttributeType.PasswordAlgorithm && Entries.Count != 1)
        {
            throw new ArgumentException("PASSWORD-ALGORITHM carries exactly one algorithm.", nameof(entries));
        }
    }

    /// <summary>The algorithms in order.</summary>
    public IReadOnlyList<StunPasswordAlgorithmEntry> Entries { get; }

    internal static StunAttribute? Decode(in AttributeValue value, out string? error)
    {
        var entries = new List<StunPasswordAlgorithmEntry>();
        var position = 0;
        while (position < value.Length)
        {
            if (value.Length - position < 4)
            {
                error = "entry header truncated at value byte " + position;
                return null;
            }

            var algorithm = BigEndian.ReadUInt16(value.Buffer, value.Offset + position);
            var parametersLength = BigEndian.ReadUInt16(value.Buffer, value.Offset + position + 2);
            var padded = (parametersLength + 3) & ~3;
            if (value.Length - position - 4 < padded)
            {
                error = "parameters of " + parametersLength + " bytes overrun the value at byte " + position;
                return null;
            }

            var parameters = new byte[parametersLength];
            System.Buffer.BlockCopy(value.Buffer, value.Offset + position + 4, parameters, 0, parametersLength);
            entries.Add(new StunPasswordAlgorithmEntry((StunPasswordAlgorithm)algorithm, parameters));
            position += 4 + padded;
        }

        if (value.Type == StunAttributeType.PasswordAlgorithm && entries.Count != 1)
        {
            error = entries.Count + " algorithms; PASSWORD-ALGORITHM carries exactly one";
            return null;
        }

        error = null;
        return new StunPasswordAlgorithmsAttribute(value.Type, entries);
    }

    internal override void WriteValue(ByteWriter writer, TransactionId transactionId)
    {
        foreach (var entry in Entries)
        {
            writer.WriteUInt16((ushort)entry.Algorithm);
            writer.WriteUInt16((ushort)entry.Parameters.Count);
            writer.WriteBytes(entry.Parameters.ToArray());
            writer.WriteRepeated(0, ((entry.Parameters.Count + 3) & ~3) - entry.Parameters.Count);
        }
    }

    /// <inheritdoc />
    protected override string DescribeValue() => string.Join(", ", Entries);
}
