using System.Buffers.Binary;
using System.Net;

namespace TelnyxNet.Lab;

/// <summary>
/// The <see cref="ImpairmentRelay"/>'s ground truth about an RTP stream sent through a TURN relay
/// over UDP: the client's ChannelData frames (RFC 8656 §12.4) towards the TURN server, each
/// carrying one RTP packet (RFC 3550 §5.1), picked out of the relay's records by their SSRC.
/// What the relay did to each (dropped, or held how long) is what a media measurement on that path
/// must report: the drops are the loss, the holds the delay it added, and their variation the
/// jitter, computed here independently of the engine. <see cref="OfChannelData"/> does the same for
/// another tool's stream of equal-sized frames.
/// </summary>
public sealed class RtpTruth
{
    private const int ChannelDataHeader = 4;
    private const int RtpHeader = 12;

    private RtpTruth(IReadOnlyList<RtpPacketFate> packets) => Packets = packets;

    /// <summary>Every packet of the stream the relay saw, in the order it arrived at the relay.</summary>
    public IReadOnlyList<RtpPacketFate> Packets { get; }

    /// <summary>How many the relay dropped on purpose.</summary>
    public int Dropped => Packets.Count(p => p.Dropped);

    /// <summary>Dropped over seen, in percent.</summary>
    public double LossPercent => Packets.Count == 0 ? 0 : Dropped * 100.0 / Packets.Count;

    /// <summary>The packets passed on, in the order the relay sent them on.</summary>
    public IReadOnlyList<RtpPacketFate> Forwarded => Packets.Where(p => !p.Dropped).OrderBy(p => p.ForwardedAt).ToList();

    /// <summary>Average hold of the packets passed on, in milliseconds.</summary>
    public double MeanHoldMs => Forwarded.Average(p => p.HoldMs);

    /// <summary>Packets the relay sent on after one that had reached it later (its delays reorder them).</summary>
    public int Reordered
    {
        get
        {
            var reordered = 0;
            var latest = long.MinValue;
            foreach (var packet in Forwarded)
            {
                if (packet.Sequence < latest)
                {
                    reordered++;
                }
                else
                {
                    latest = packet.Sequence;
                }
            }

            return reordered;
        }
    }

    /// <summary>
    /// RFC 3550 §6.4.1's jitter of the holds, in milliseconds, in the order the relay sent packets
    /// on: J += (|D| - J) / 16 for each, D the change in hold from the one before; the running
    /// value after each packet, so that a caller can average it as the measurement does.
    /// </summary>
    public IReadOnlyList<(int Index, double Jitter)> JitterAfterEach()
    {
        var values = new List<(int, double)>();
        double jitter = 0;
        double? last = null;
        foreach (var packet in Forwarded)
        {
            if (last is double previous)
            {
                jitter += (Math.Abs(packet.HoldMs - previous) - jitter) / 16;
            }

            last = packet.HoldMs;
            values.Add((packet.Index, jitter));
        }

        return values;
    }

    /// <summary>
    /// The jitter as a media measurement reports it: the running value after the last packet (in the
    /// relay's sending order) of each second of the stream (<paramref name="packetsPerSecond"/>
    /// packets, by their place in it), averaged over the seconds.
    /// </summary>
    public double JitterPerSecondAverage(int packetsPerSecond) =>
        JitterAfterEach().GroupBy(j => j.Index / packetsPerSecond).Select(g => g.Last().Jitter).DefaultIfEmpty(0).Average();

    /// <summary>
    /// Any stream of ChannelData frames carrying <paramref name="dataLength"/> bytes each (another
    /// tool's, whose payload is not RTP), numbered in the order they reached the relay.
    /// </summary>
    public static RtpTruth OfChannelData(IEnumerable<RelayRecord> records, int dataLength)
    {
        var packets = records
            .Where(r => r.Direction == RelayDirection.Upstream && r.Payload.Length >= ChannelDataHeader + dataLength && (r.Payload[0] & 0xC0) == 0x40
                && BinaryPrimitives.ReadUInt16BigEndian(r.Payload.AsSpan(2)) == dataLength)
            .Select((r, i) => new RtpPacketFate(i, i, r.Client, r.ReceivedAt, r.Dropped, r.ForwardedAt))
            .ToList();
        return new RtpTruth(packets);
    }

    /// <summary>The stream with <paramref name="ssrc"/> in <paramref name="records"/> (from <see cref="ImpairmentRelay.Records"/>).</summary>
    public static RtpTruth Of(IEnumerable<RelayRecord> records, uint ssrc)
    {
        var packets = new List<RtpPacketFate>();
        foreach (var record in records.Where(r => r.Direction == RelayDirection.Upstream))
        {
            var payload = record.Payload;
            if (payload.Length < ChannelDataHeader + RtpHeader || (payload[0] & 0xC0) != 0x40 || payload[ChannelDataHeader] != 0x80
                || BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(ChannelDataHeader + 8)) != ssrc)
            {
                continue;
            }

            var sequence = Unwrap(packets, BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(ChannelDataHeader + 2)));
            packets.Add(new RtpPacketFate(sequence, packets.Count == 0 ? 0 : (int)(sequence - packets[0].Sequence), record.Client, record.ReceivedAt, record.Dropped, record.ForwardedAt));
        }

        return new RtpTruth(packets);
    }

    /// <summary>The RTP sequence number extended past its 16 bits (RFC 3550 A.1), from the one before.</summary>
    private static long Unwrap(List<RtpPacketFate> packets, ushort sequence)
    {
        if (packets.Count == 0)
        {
            return sequence;
        }

        var previous = packets[^1].Sequence;
        var delta = (short)(sequence - (ushort)previous);
        return previous + delta;
    }
}

/// <summary>What the relay did to one RTP packet: its extended sequence number, its place in the stream (0 for the first the relay saw), from where, when it arrived, dropped or passed on when.</summary>
public sealed record RtpPacketFate(long Sequence, int Index, IPEndPoint Client, TimeSpan ReceivedAt, bool Dropped, TimeSpan? ForwardedAt)
{
    /// <summary>How long the relay held it, in milliseconds (0 when dropped).</summary>
    public double HoldMs => ForwardedAt is TimeSpan sent ? (sent - ReceivedAt).TotalMilliseconds : 0;
}
