using System.Net;
using Makaretu.Dns;

namespace TelnyxNet.Engine.Tests.Hostile;

/// <summary>
/// Answers of a resolver (RFC 1035 §4.1) to the DNS client's query, valid and hostile, for the
/// hostile servers: each takes the query's bytes and returns the answer's. The valid ones are made
/// with Makaretu.Dns's message model from the query itself (same id and question, QR and RD set);
/// the hostile ones change one thing a client must check (RFC 5452 §9.1: id and question), or are
/// no DNS message at all. <see cref="OverTcp"/> frames any of them for TCP (RFC 1035 §4.2.2).
/// </summary>
internal static class DnsAnswers
{
    /// <summary>The name the hostile suite asks for.</summary>
    public const string Name = "sip.lab.test";

    /// <summary>The address the valid answers give.</summary>
    public static readonly IPAddress Address = IPAddress.Parse("192.0.2.53");

    /// <summary>NOERROR with one A record for the question.</summary>
    public static byte[] Valid(byte[] query)
    {
        var response = Read(query).CreateResponse();
        response.Answers.Add(new ARecord { Name = response.Questions[0].Name, Address = Address, TTL = TimeSpan.FromMinutes(1) });
        return response.ToByteArray();
    }

    /// <summary>NOERROR with TC set and no records (RFC 1035 §4.1.1): the client must ask again over TCP (RFC 7766 §5).</summary>
    public static byte[] Truncated(byte[] query)
    {
        var response = Read(query).CreateResponse();
        response.TC = true;
        return response.ToByteArray();
    }

    /// <summary>A valid answer for another query's id.</summary>
    public static byte[] OtherId(byte[] query)
    {
        var answer = Valid(query);
        answer[0] ^= 0xFF;
        answer[1] ^= 0xFF;
        return answer;
    }

    /// <summary>A valid answer with the query's id to another question (another name).</summary>
    public static byte[] OtherQuestion(byte[] query)
    {
        var response = Read(query).CreateResponse();
        response.Questions[0].Name = new DomainName("other.lab.test");
        response.Answers.Add(new ARecord { Name = response.Questions[0].Name, Address = Address, TTL = TimeSpan.FromMinutes(1) });
        return response.ToByteArray();
    }

    /// <summary>A header with the query's id announcing one question and nine answers, then half a label: it does not decode.</summary>
    public static byte[] Garbage(byte[] query) => new byte[] { query[0], query[1], 0x81, 0x80, 0, 1, 0, 9, 0, 0, 0, 0, 3, (byte)'s' };

    /// <summary>An answer with the query's id whose question name is a compression pointer to itself (RFC 1035 §4.1.4): a loop.</summary>
    public static byte[] CompressionLoop(byte[] query) => new byte[] { query[0], query[1], 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1 };

    /// <summary>The query sent back: a query is no answer.</summary>
    public static byte[] Echo(byte[] query) => query;

    /// <summary>The first 8 bytes of a valid answer: shorter than a DNS header.</summary>
    public static byte[] Short(byte[] query) => Valid(query).Take(8).ToArray();

    /// <summary>The largest message a TCP length prefix announces (65535 bytes): the query's id and a header, then labels of 63 bytes that never end (no root label) until the message does.</summary>
    public static byte[] HugeJunk(byte[] query)
    {
        var answer = new byte[ushort.MaxValue];
        answer.AsSpan(12).Fill(0x3F);
        Garbage(query).AsSpan(0, 12).CopyTo(answer);
        return answer;
    }

    /// <summary><paramref name="answer"/> framed for TCP: a 16-bit length, then the message (RFC 1035 §4.2.2).</summary>
    public static Func<byte[], byte[]> OverTcp(Func<byte[], byte[]> answer) => query =>
    {
        var message = answer(query);
        return new[] { (byte)(message.Length >> 8), (byte)message.Length }.Concat(message).ToArray();
    };

    private static Message Read(byte[] query)
    {
        var message = new Message();
        message.Read(query, 0, query.Length);
        return message;
    }
}
