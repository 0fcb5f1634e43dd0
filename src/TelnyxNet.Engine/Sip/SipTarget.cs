using System.Net;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>How a SIP target was found (RFC 3263 §4).</summary>
internal enum SipResolvedBy
{
    /// <summary>NAPTR, then SRV, then A/AAAA (§4.1).</summary>
    Naptr,

    /// <summary>SRV, then A/AAAA, without NAPTR (§4.1 fallback, or a transport given).</summary>
    Srv,

    /// <summary>A/AAAA of the host (a port given, or no NAPTR and no SRV).</summary>
    A,

    /// <summary>The host is an IP address.</summary>
    Literal,
}

/// <summary>One address, port and transport to send OPTIONS to, and the DNS chain that led to it.</summary>
internal sealed class SipTarget
{
    public SipTarget(TransportProtocol transport, IPAddress address, int port, string targetHost, SipResolvedBy resolvedBy, string path, string resolver)
    {
        Transport = transport;
        Address = address;
        Port = port;
        TargetHost = targetHost;
        ResolvedBy = resolvedBy;
        Path = path;
        Resolver = resolver;
    }

    public TransportProtocol Transport { get; }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <summary>The name the address belongs to (the SRV target, or the host).</summary>
    public string TargetHost { get; }

    public SipResolvedBy ResolvedBy { get; }

    /// <summary>The chain, e.g. <c>NAPTR … &gt; SRV … &gt; A …</c>; empty for a literal.</summary>
    public string Path { get; }

    /// <summary>The resolver that gave the last answer of the chain.</summary>
    public string Resolver { get; }
}

/// <summary>A transport the resolution could not give a target for: a DNS failure, or not offered (Skipped).</summary>
internal sealed class SipTargetFailure
{
    public SipTargetFailure(TransportProtocol transport, int port, Dns.DnsFailureKind kind, bool notOffered, string message, string path, string resolver)
    {
        Transport = transport;
        Port = port;
        Kind = kind;
        NotOffered = notOffered;
        Message = message;
        Path = path;
        Resolver = resolver;
    }

    public TransportProtocol Transport { get; }

    public int Port { get; }

    public Dns.DnsFailureKind Kind { get; }

    /// <summary>True when DNS worked but the domain offers no record for this transport (the result is Skipped, not Failed).</summary>
    public bool NotOffered { get; }

    public string Message { get; }

    public string Path { get; }

    public string Resolver { get; }
}

/// <summary>The outcome of RFC 3263 target selection for one server.</summary>
internal sealed class SipResolution
{
    public SipResolution(IReadOnlyList<SipTarget> targets, IReadOnlyList<SipTargetFailure> failures, IReadOnlyList<SipDnsStep> steps)
    {
        Targets = targets;
        Failures = failures;
        Steps = steps;
    }

    public IReadOnlyList<SipTarget> Targets { get; }

    public IReadOnlyList<SipTargetFailure> Failures { get; }

    public IReadOnlyList<SipDnsStep> Steps { get; }
}
