using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Makaretu.Dns;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// RFC 3263 §4 target selection, widened to every transport and address instead of the first that
/// works, since the question is which of them this network lets through:
/// <list type="bullet">
/// <item>an IP address: every transport asked for, on the port given or 5060/5061;</item>
/// <item>a port given: A/AAAA of the host (§4.2), UDP and TCP (TLS for sips:);</item>
/// <item>a transport given: SRV for it (§4.2), else A/AAAA;</item>
/// <item>otherwise NAPTR (§4.1): the records with flag "S" and a SIP service (SIPS+D2T only for
/// sips:), ordered by ORDER then PREFERENCE, each followed to SRV and A/AAAA; without usable NAPTR
/// records, SRV for <c>_sip._udp</c>, <c>_sip._tcp</c> and <c>_sips._tcp</c>; without any SRV, A/AAAA
/// with the default ports.</item>
/// </list>
/// SRV targets are ordered by priority and weight (RFC 2782, <see cref="SrvOrdering"/>). A
/// transport the domain's records do not offer comes back as a not-offered failure (the result is
/// Skipped); a DNS failure as a failure of its kind. Questions of one level go out in parallel.
/// </summary>
internal sealed class SipTargetResolver
{
    private static readonly TransportProtocol[] AllTransports = { TransportProtocol.Udp, TransportProtocol.Tcp, TransportProtocol.Tls };
    private static readonly TransportProtocol[] PortTransports = { TransportProtocol.Udp, TransportProtocol.Tcp };
    private static readonly IReadOnlyDictionary<string, TransportProtocol> NaptrTransports = new Dictionary<string, TransportProtocol>(StringComparer.OrdinalIgnoreCase)
    {
        ["SIP+D2U"] = TransportProtocol.Udp,
        ["SIP+D2T"] = TransportProtocol.Tcp,
        ["SIPS+D2T"] = TransportProtocol.Tls,
    };

    private readonly DnsClient _dns;
    private readonly AddressFamilyPreference _family;
    private readonly Random _random;
    private readonly TimeSpan _deadline;
    private readonly CancellationToken _cancellationToken;
    private readonly List<(int Sequence, SipDnsStep Step)> _steps = new();
    private int _sequence;

    private SipTargetResolver(DnsClient dns, AddressFamilyPreference family, Random random, TimeSpan deadline, CancellationToken cancellationToken)
    {
        _dns = dns;
        _family = family;
        _random = random;
        _deadline = deadline;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The transports <paramref name="server"/> is to be tested over, given the filter (null or empty: no filter).</summary>
    public static IReadOnlyList<TransportProtocol> WantedTransports(SipServerAddress server, IReadOnlyCollection<TransportProtocol>? filter)
    {
        IReadOnlyList<TransportProtocol> candidates = server.Transport is TransportProtocol given ? new[] { given } : server.Port != null ? PortTransports : AllTransports;
        return candidates.Where(t => filter is null || filter.Count == 0 || filter.Contains(t)).ToList();
    }

    /// <summary>Finds every target of <paramref name="server"/> over <paramref name="transports"/>, by <paramref name="deadline"/>.</summary>
    public static async Task<SipResolution> ResolveAsync(SipServerAddress server, IReadOnlyList<TransportProtocol> transports, DnsClient dns, AddressFamilyPreference family, Random random, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var resolver = new SipTargetResolver(dns, family, random, deadline, cancellationToken);
        var targets = new List<SipTarget>();
        var failures = new List<SipTargetFailure>();
        if (IPAddress.TryParse(server.Host, out var literal))
        {
            foreach (var transport in transports)
            {
                targets.Add(new SipTarget(transport, literal, server.Port ?? SipServerAddress.DefaultPortOf(transport), server.Host, SipResolvedBy.Literal, string.Empty, string.Empty));
            }
        }
        else if (server.Port is int port)
        {
            await resolver.AddressTargetsAsync(server.Host, transports.Select(t => (t, port)).ToList(), SipResolvedBy.A, string.Empty, targets, failures).ConfigureAwait(false);
        }
        else if (server.Transport is TransportProtocol)
        {
            await resolver.SrvOrAddressAsync(server.Host, transports, server.Secure, targets, failures).ConfigureAwait(false);
        }
        else
        {
            await resolver.NaptrAsync(server, transports, targets, failures).ConfigureAwait(false);
        }

        var unique = targets.GroupBy(t => (t.Transport, t.Address, t.Port)).Select(g => g.First()).ToList();
        List<SipDnsStep> steps;
        lock (resolver._steps)
        {
            steps = resolver._steps.OrderBy(s => s.Sequence).Select(s => s.Step).ToList();
        }

        return new SipResolution(unique, failures, steps);
    }

    /// <summary>The SRV service name of <paramref name="transport"/> (RFC 3263 §4.2): _sips._tcp for TLS, _sip._tcp, _sip._udp.</summary>
    public static string SrvName(TransportProtocol transport, string host) => transport switch
    {
        TransportProtocol.Tls => "_sips._tcp." + host,
        TransportProtocol.Tcp => "_sip._tcp." + host,
        _ => "_sip._udp." + host,
    };

    private static string Join(string path, string next) => path.Length == 0 ? next : path + " > " + next;

    private static string Ttl(ResourceRecord record) => " (TTL " + ((int)record.TTL.TotalSeconds).ToString(CultureInfo.InvariantCulture) + ")";

    private static string Name(DomainName name) => string.Join(".", name.Labels);

    private async Task NaptrAsync(SipServerAddress server, IReadOnlyList<TransportProtocol> transports, List<SipTarget> targets, List<SipTargetFailure> failures)
    {
        var answer = await AskAsync(server.Host, (DnsType)NaptrRecord.TypeCode, DescribeNaptr).ConfigureAwait(false);
        if (answer.Failure == DnsFailureKind.NameNotFound)
        {
            failures.AddRange(transports.Select(t => Failure(t, answer, string.Empty)));
            return;
        }

        var usable = answer.Records.OfType<UnknownRecord>()
            .Select(r => (Record: r, Decoded: NaptrRecord.TryDecode(r.Data, out var naptr, out _) ? naptr : null))
            .Where(x => x.Decoded != null && x.Decoded.HasFlag('S') && NaptrTransports.ContainsKey(x.Decoded.Services) && (!server.Secure || NaptrTransports[x.Decoded.Services] == TransportProtocol.Tls))
            .OrderBy(x => x.Decoded!.Order)
            .ThenBy(x => x.Decoded!.Preference)
            .ToList();
        if (usable.Count == 0)
        {
            await SrvOrAddressAsync(server.Host, transports, server.Secure, targets, failures).ConfigureAwait(false);
            return;
        }

        var resolver = Describe(answer.Resolver);
        var lookups = usable
            .Where(x => transports.Contains(NaptrTransports[x.Decoded!.Services]))
            .Select(x => SrvTargetsAsync(NaptrTransports[x.Decoded!.Services], x.Decoded!.Replacement, SipResolvedBy.Naptr, "NAPTR " + server.Host + ": " + x.Decoded + Ttl(x.Record)))
            .ToList();
        foreach (var (found, failed) in await Task.WhenAll(lookups).ConfigureAwait(false))
        {
            targets.AddRange(found);
            failures.AddRange(failed);
        }

        var offered = new HashSet<TransportProtocol>(usable.Select(x => NaptrTransports[x.Decoded!.Services]));
        failures.AddRange(transports.Where(t => !offered.Contains(t)).Select(t => new SipTargetFailure(
            t, SipServerAddress.DefaultPortOf(t), DnsFailureKind.NoRecords, notOffered: true,
            server.Host + "'s NAPTR records offer no " + Proto(t) + " (they list " + string.Join(", ", usable.Select(x => x.Decoded!.Services).Distinct(StringComparer.OrdinalIgnoreCase)) + ").",
            "NAPTR " + server.Host, resolver)));
    }

    private async Task SrvOrAddressAsync(string host, IReadOnlyList<TransportProtocol> transports, bool secure, List<SipTarget> targets, List<SipTargetFailure> failures)
    {
        var wanted = secure ? transports.Where(t => t == TransportProtocol.Tls).ToList() : transports.ToList();
        var lookups = await Task.WhenAll(wanted.Select(t => SrvTargetsAsync(t, SrvName(t, host), SipResolvedBy.Srv, string.Empty))).ConfigureAwait(false);
        if (lookups.Any(l => l.Found.Count > 0 || l.Failed.Any(f => !f.NotOffered)))
        {
            foreach (var (found, failed) in lookups)
            {
                targets.AddRange(found);
                failures.AddRange(failed);
            }

            return;
        }

        await AddressTargetsAsync(host, wanted.Select(t => (t, SipServerAddress.DefaultPortOf(t))).ToList(), SipResolvedBy.A, string.Empty, targets, failures).ConfigureAwait(false);
    }

    /// <summary>
    /// SRV for <paramref name="name"/>, then A/AAAA of each target, in RFC 2782 order. A name with no
    /// SRV records (NXDOMAIN or NODATA) or only the "." target is not offered; other failures are failures.
    /// </summary>
    private async Task<(IReadOnlyList<SipTarget> Found, IReadOnlyList<SipTargetFailure> Failed)> SrvTargetsAsync(TransportProtocol transport, string name, SipResolvedBy resolvedBy, string path)
    {
        var answer = await AskAsync(name, DnsType.SRV, r => r is SRVRecord srv ? srv.Priority + " " + srv.Weight + " " + srv.Port + " " + Name(srv.Target) + "." : string.Empty).ConfigureAwait(false);
        var records = answer.Records.OfType<SRVRecord>().Where(r => r.Target.Labels.Count > 0).ToList();
        if (records.Count == 0)
        {
            var notOffered = answer.Failure == DnsFailureKind.None || answer.Failure == DnsFailureKind.NoRecords || answer.Failure == DnsFailureKind.NameNotFound;
            var failure = notOffered
                ? new SipTargetFailure(transport, SipServerAddress.DefaultPortOf(transport), DnsFailureKind.NoRecords, notOffered: true, "No SRV record offers " + Proto(transport) + " at " + name + " (" + (answer.Failure == DnsFailureKind.None ? "only the \".\" target: decidedly not available" : answer.Failure.ToString()) + ").", Join(path, "SRV " + name), Describe(answer.Resolver))
                : Failure(transport, answer, Join(path, "SRV " + name));
            return (Array.Empty<SipTarget>(), new[] { failure });
        }

        var ordered = SrvOrdering.Order(records, r => r.Priority, r => r.Weight, _random);
        var found = new List<SipTarget>();
        var failed = new List<SipTargetFailure>();
        var perTarget = await Task.WhenAll(ordered.Select(async r =>
        {
            var targets = new List<SipTarget>();
            var failures = new List<SipTargetFailure>();
            var step = Join(path, "SRV " + name + ": " + r.Priority + " " + r.Weight + " " + r.Port + " " + Name(r.Target) + Ttl(r));
            await AddressTargetsAsync(Name(r.Target), new[] { (transport, (int)r.Port) }, resolvedBy, step, targets, failures).ConfigureAwait(false);
            return (targets, failures);
        })).ConfigureAwait(false);
        foreach (var (targets, failures) in perTarget)
        {
            found.AddRange(targets);
            failed.AddRange(failures);
        }

        return (found, failed);
    }

    /// <summary>A and AAAA of <paramref name="host"/> (as the family preference allows), in parallel; every address with every (transport, port).</summary>
    private async Task AddressTargetsAsync(string host, IReadOnlyList<(TransportProtocol Transport, int Port)> services, SipResolvedBy resolvedBy, string path, List<SipTarget> targets, List<SipTargetFailure> failures)
    {
        var types = new List<DnsType>();
        if (_family != AddressFamilyPreference.IPv6)
        {
            types.Add(DnsType.A);
        }

        if (_family != AddressFamilyPreference.IPv4)
        {
            types.Add(DnsType.AAAA);
        }

        var answers = await Task.WhenAll(types.Select(t => AskAsync(host, t, r => r is AddressRecord a ? a.Address.ToString() : string.Empty))).ConfigureAwait(false);
        var found = false;
        foreach (var answer in answers)
        {
            foreach (var record in answer.Records.OfType<AddressRecord>())
            {
                found = true;
                var address = record.Address.IsIPv4MappedToIPv6 ? record.Address.MapToIPv4() : record.Address;
                var step = Join(path, DnsClient.TypeName(answer.Type) + " " + host + ": " + address + Ttl(record));
                targets.AddRange(services.Select(s => new SipTarget(s.Transport, address, s.Port, host, resolvedBy, step, Describe(answer.Resolver))));
            }
        }

        if (found)
        {
            return;
        }

        var worst = answers.FirstOrDefault(a => a.Failure == DnsFailureKind.NameNotFound)
            ?? answers.FirstOrDefault(a => a.Failure != DnsFailureKind.NoRecords && a.Failure != DnsFailureKind.None)
            ?? answers[0];
        var family = _family == AddressFamilyPreference.Any ? "address" : _family + " address";
        foreach (var (transport, port) in services)
        {
            var failure = Failure(transport, worst, Join(path, string.Join("/", types.Select(DnsClient.TypeName)) + " " + host));
            failures.Add(worst.Failure == DnsFailureKind.NoRecords
                ? new SipTargetFailure(transport, port, DnsFailureKind.NoRecords, notOffered: false, host + " has no " + family + " (no " + string.Join(" or ", types.Select(DnsClient.TypeName)) + " records).", failure.Path, failure.Resolver)
                : new SipTargetFailure(transport, port, failure.Kind, false, failure.Message, failure.Path, failure.Resolver));
        }
    }

    private static SipTargetFailure Failure(TransportProtocol transport, DnsAnswer answer, string path) =>
        new(transport, SipServerAddress.DefaultPortOf(transport), answer.Failure == DnsFailureKind.None ? DnsFailureKind.NoRecords : answer.Failure, notOffered: false, answer.Detail, path.Length == 0 ? answer.TypeName + " " + answer.Name : path, Describe(answer.Resolver));

    private static string Proto(TransportProtocol transport) => transport.ToString().ToUpperInvariant();

    private static string Describe(IPEndPoint? resolver) => resolver is null ? string.Empty : HostPortSyntax.Format(resolver.Address.ToString(), resolver.Port);

    private static string DescribeNaptr(ResourceRecord record)
    {
        if (record is not UnknownRecord unknown)
        {
            return "(a NAPTR record Makaretu.Dns did not leave as raw data)";
        }

        return NaptrRecord.TryDecode(unknown.Data, out var naptr, out var error) ? naptr!.ToString() : "(undecodable NAPTR: " + error + ")";
    }

    private async Task<DnsAnswer> AskAsync(string name, DnsType type, Func<ResourceRecord, string> describe)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var answer = await _dns.QueryAsync(name, type, _deadline, _cancellationToken).ConfigureAwait(false);
        var step = new SipDnsStep(
            answer.TypeName + " " + name,
            Describe(answer.Resolver),
            answer.Transport,
            answer.Failure.ToString(),
            answer.MinTtlSeconds,
            answer.Records.Select(describe).ToList(),
            answer.Attempts,
            answer.Detail);
        lock (_steps)
        {
            _steps.Add((sequence, step));
        }

        return answer;
    }
}
