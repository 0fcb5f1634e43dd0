using System.Net;
using Makaretu.Dns;

namespace TelnyxNet.Engine.Dns;

/// <summary>What one DNS question got: the records, or why not, which resolver said so over which transport, and what the other resolvers did.</summary>
internal sealed class DnsAnswer
{
    public DnsAnswer(string name, DnsType type, IReadOnlyList<ResourceRecord> records, DnsFailureKind failure, string detail, IPEndPoint? resolver, string transport, IReadOnlyList<string> attempts)
    {
        Name = name;
        Type = type;
        Records = records;
        Failure = failure;
        Detail = detail;
        Resolver = resolver;
        Transport = transport;
        Attempts = attempts;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The type asked for.</summary>
    public DnsType Type { get; }

    /// <summary>The answer's records of the type asked for (empty on failure).</summary>
    public IReadOnlyList<ResourceRecord> Records { get; }

    /// <summary>None when <see cref="Records"/> holds the answer; else why not.</summary>
    public DnsFailureKind Failure { get; }

    /// <summary>One sentence on what happened.</summary>
    public string Detail { get; }

    /// <summary>The resolver whose answer this is (the last one tried when none answered); null when there was none to ask.</summary>
    public IPEndPoint? Resolver { get; }

    /// <summary>"UDP" or "TCP" (after truncation, RFC 7766); empty when nobody answered.</summary>
    public string Transport { get; }

    /// <summary>What each resolver tried before the answer did ("203.0.113.53:53 Timeout: …"), in order.</summary>
    public IReadOnlyList<string> Attempts { get; }

    /// <summary>The lowest TTL of the records, in seconds; null without records.</summary>
    public int? MinTtlSeconds => Records.Count == 0 ? null : (int)Records.Min(r => r.TTL.TotalSeconds);

    /// <summary>The type's name (NAPTR has none in Makaretu.Dns).</summary>
    public string TypeName => DnsClient.TypeName(Type);
}
