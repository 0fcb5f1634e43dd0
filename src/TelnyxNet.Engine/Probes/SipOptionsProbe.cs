using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Sip;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// Test-TelnyxSip's engine: finds every address and transport of every server the way RFC 3263
/// finds them (NAPTR, SRV, A/AAAA through the engine's DNS client), sends an OPTIONS request
/// (RFC 3261 §11) to each, all in parallel under one deadline, and returns one
/// <see cref="SipOptionsResult"/> per server, transport and address, in the order DNS gave them;
/// transports the DNS did not offer and DNS failures are results too. Any final response proves
/// the proxy reachable; the answer is also read for signs of a SIP ALG (<see cref="SipAlgEvidence"/>).
/// Failures are results, never exceptions; only cancellation throws.
/// </summary>
public static class SipOptionsProbe
{
    private const string Activity = "Testing SIP servers";

    /// <summary>The answers Telnyx's clients fail over on: the proxy is reachable but not serving (telnyx-facts.md).</summary>
    private static readonly HashSet<int> UnavailableCodes = new() { 408, 480, 503, 504 };

    /// <summary>Runs the test.</summary>
    public static async Task<IReadOnlyList<SipOptionsResult>> RunAsync(SipOptionsOptions options, IEngineLog? log, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        log ??= NullEngineLog.Instance;
        var servers = options.DnsServers ?? SystemDnsServers.Discover();
        log.Verbose("DNS resolvers: " + (servers.Count == 0 ? "none configured" : string.Join(", ", servers.Select(s => HostPortSyntax.Format(s.Address.ToString(), s.Port)))) + ".");
        var dns = new DnsClient(servers, options.OpenDatagramSocket, options.OpenStreamSocket, options.Clock, log, options.DnsResolverTimeout);
        var random = options.SrvRandom ?? new Random();
        var stun = new StunWitness(options, dns, random, cancellationToken);
        return await ProbeFanOut.EveryServerAsync(
            options.Servers,
            options,
            Activity,
            "Resolving and asking " + options.Servers.Count + " SIP server(s)",
            server => server.Input,
            (server, deadline) => TestServerAsync(server, options, dns, random, stun, deadline, log, cancellationToken),
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The verdict of a SIP check, for -Quiet and the CLI's exit code: it passes when at least one
    /// address answered over at least one transport.
    /// </summary>
    public static bool Passed(IEnumerable<SipOptionsResult> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Any(r => r.Outcome == ProbeStatus.Succeeded);

    /// <summary>The transports <paramref name="server"/> is tested over under the filter <paramref name="transports"/> (empty: the filter leaves it out).</summary>
    public static IReadOnlyList<TransportProtocol> TransportsFor(SipServerAddress server, IReadOnlyCollection<TransportProtocol>? transports) =>
        SipTargetResolver.WantedTransports(server ?? throw new ArgumentNullException(nameof(server)), transports);

    /// <summary>
    /// Proves one SIP firewall rule: OPTIONS to <paramref name="host"/>:<paramref name="port"/> over
    /// <paramref name="transport"/> only (A/AAAA, no NAPTR or SRV, since the rule names the port), one
    /// result per address: Succeeded (reachable, with the status code), or Failed with Timeout (dropped),
    /// Refused (rejected), Unreachable, DnsFailure, TlsFailure or ProtocolError, the message and the
    /// remediation as evidence. <paramref name="settings"/> supplies the timeout, the DNS resolvers and
    /// the socket seams; its servers and transports are not used.
    /// </summary>
    public static Task<IReadOnlyList<SipOptionsResult>> ProveRuleAsync(string host, int port, TransportProtocol transport, SipOptionsOptions settings, IEngineLog? log, CancellationToken cancellationToken)
    {
        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        if (!SipServerAddress.TryParse(HostPortSyntax.Format(host, port) + ";transport=" + transport.ToString().ToLowerInvariant(), out var server, out var error))
        {
            throw new ArgumentException(error, nameof(host));
        }

        return RunAsync(settings.For(server!, transport), log, null, cancellationToken);
    }

    private static async Task<IReadOnlyList<SipOptionsResult>> TestServerAsync(SipServerAddress server, SipOptionsOptions options, DnsClient dns, Random random, StunWitness stun, TimeSpan deadline, IEngineLog log, CancellationToken cancellationToken)
    {
        var timestamp = options.Clock.UtcNow;
        var transports = SipTargetResolver.WantedTransports(server, options.Transports);
        if (transports.Count == 0)
        {
            log.Verbose(server.Input + ": no transport left after the transport filter.");
            return Array.Empty<SipOptionsResult>();
        }

        log.Verbose("SIP: finding " + server + " over " + string.Join(", ", transports) + " (RFC 3263).");
        var resolution = await SipTargetResolver.ResolveAsync(server, transports, dns, options.AddressFamily, random, deadline, cancellationToken).ConfigureAwait(false);
        var tested = await Task.WhenAll(resolution.Targets.Select(t => TestTargetAsync(server, t, resolution.Steps, options, stun, deadline, timestamp, log, cancellationToken))).ConfigureAwait(false);
        return tested.Concat(resolution.Failures.Select(f => Unresolved(server, f, resolution.Steps, timestamp, log))).ToList();
    }

    private static async Task<SipOptionsResult> TestTargetAsync(SipServerAddress server, SipTarget target, IReadOnlyList<SipDnsStep> steps, SipOptionsOptions options, StunWitness stun, TimeSpan deadline, DateTimeOffset timestamp, IEngineLog log, CancellationToken cancellationToken)
    {
        var result = NewResult(server, target.Transport, target.Port, steps, timestamp);
        result.ResolvedBy = target.ResolvedBy.ToString();
        result.TargetHost = target.TargetHost;
        result.RemoteAddress = target.Address.ToString();
        result.Resolver = target.Resolver;
        result.ResolutionPath = target.Path;
        var remote = new IPEndPoint(target.Address, target.Port);
        var sent = new StrongBox<int>(0);
        try
        {
            if (!FamilyAllowed(target.Address, options.AddressFamily))
            {
                throw new ProbeException(FailureReason.DnsFailure, server.Host + " is an " + (target.Address.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6") + " address; -AddressFamily " + options.AddressFamily + " excludes it.");
            }

            log.Verbose("SIP: OPTIONS to " + HostPortSyntax.Format(target.Address.ToString(), target.Port) + " over " + target.Transport.ToString().ToUpperInvariant() + (target.Path.Length > 0 ? " (" + target.Path + ")" : string.Empty) + ".");
            var (exchange, mapping) = await ExchangeAsync(server, target, remote, options, stun, deadline, sent, log, cancellationToken).ConfigureAwait(false);
            Accept(result, exchange, mapping, target, remote, log);
        }
        catch (ProbeException ex)
        {
            Fail(result, server, ex.Reason, ex.Message, DnsFailureKind.None, null, ex.Connected);
            log.Verbose(server.Input + " " + remote + "/" + target.Transport + ": " + ex.Reason + ": " + ex.Message);
        }

        result.Retransmissions = Math.Max(0, sent.Value - 1);
        return result;
    }

    private static async Task<(SipExchange Exchange, SipMapping? Mapping)> ExchangeAsync(SipServerAddress server, SipTarget target, IPEndPoint remote, SipOptionsOptions options, StunWitness stun, TimeSpan deadline, StrongBox<int> sent, IEngineLog log, CancellationToken cancellationToken)
    {
        if (target.Transport != TransportProtocol.Udp)
        {
            sent.Value = 1;
            return (await SipStreamTransaction.RunAsync(options.OpenStreamSocket(remote.AddressFamily), remote, target.Transport, server.Host, options.CertificateValidation, options.UserAgent, options.Clock, log, deadline, cancellationToken).ConfigureAwait(false), null);
        }

        if (options.StunServer is null)
        {
            using var socket = Open(() => options.OpenDatagramSocket(remote), remote);
            return (await SipUdpTransaction.RunAsync(socket, remote, server.Host, options.UserAgent, options.Clock, log, deadline, sent, cancellationToken).ConfigureAwait(false), null);
        }

        // One socket for both (issue 11 §2): the STUN server first, then the proxy from the same mapping.
        var any = new IPEndPoint(remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var shared = Open(() => options.OpenBoundDatagramSocket(any), remote);
        using var client = new StunUdpClient(shared, options.Clock, log);
        var (stunEndPoint, unresolved) = await stun.AddressAsync(remote.AddressFamily, deadline).ConfigureAwait(false);
        var left = deadline - options.Clock.Elapsed;
        var mapping = await SipStunCheck.LearnAsync(client, stun.Name, stunEndPoint, unresolved, options.Retransmission, left < options.StunTimeout ? left : options.StunTimeout, log, cancellationToken).ConfigureAwait(false);
        if (shared is IConnectableDatagramSocket connectable)
        {
            try
            {
                connectable.Connect(remote);
            }
            catch (SocketException ex)
            {
                throw SocketErrors.Classify(ex, "UDP to " + remote);
            }
        }

        using var datagrams = new NonStunDatagrams(client, options.Clock);
        return (await SipUdpTransaction.RunAsync(datagrams, remote, server.Host, options.UserAgent, options.Clock, log, deadline, sent, cancellationToken).ConfigureAwait(false), mapping);
    }

    private static IDatagramSocket Open(Func<IDatagramSocket> open, IPEndPoint remote)
    {
        try
        {
            return open();
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "UDP to " + remote);
        }
    }

    private static void Accept(SipOptionsResult result, SipExchange exchange, SipMapping? mapping, SipTarget target, IPEndPoint remote, IEngineLog log)
    {
        var response = exchange.Response;
        var local = exchange.Request.Local;
        result.StatusCode = response.StatusCode;
        result.ReasonPhrase = response.ReasonPhrase;
        result.RoundTripTimeMs = Math.Round(exchange.RoundTrip.TotalMilliseconds, 3);
        result.ServerHeader = response.Header("Server").Length > 0 ? response.Header("Server") : response.Header("User-Agent");
        result.LocalAddress = local.Address.ToString();
        result.LocalPort = local.Port;
        result.TlsProtocol = exchange.TlsProtocol ?? string.Empty;
        var evidence = SipAlgEvidence.Inspect(exchange.Request, response, target.Address).ToList();
        if (response.Vias.Count > 0 && SipVia.TryParse(response.Vias[0], out var top))
        {
            result.ReceivedAddress = top!.Received;
            result.ReceivedPort = top.ReceivedPort;
            if (mapping != null)
            {
                var (rewritten, note) = SipStunCheck.Compare(top, local, mapping, target.Address);
                result.MappingCheck = note;
                evidence.AddRange(rewritten is null ? Array.Empty<string>() : new[] { rewritten });
            }
        }

        if (mapping?.Mapped is IPEndPoint mapped)
        {
            result.MappedAddress = mapped.Address.ToString();
            result.MappedPort = mapped.Port;
        }

        if (mapping != null && result.MappingCheck.Length == 0)
        {
            result.MappingCheck = mapping.Note.Length > 0 ? mapping.Note : "Not compared with the STUN mapping: the answer's top Via could not be read.";
        }
        result.AlgEvidence = evidence;
        result.AlgEvidenceText = string.Join(" | ", evidence);
        result.AlgSuspected = evidence.Count > 0;
        var where = HostPortSyntax.Format(remote.Address.ToString(), remote.Port) + " over " + target.Transport.ToString().ToUpperInvariant();
        var code = response.StatusCode + " " + response.ReasonPhrase;
        var rtt = result.RoundTripTimeMs.Value.ToString("0.###", CultureInfo.InvariantCulture);
        var seen = result.ReceivedAddress.Length > 0 ? "; the proxy saw this request come from " + HostPortSyntax.Format(result.ReceivedAddress, result.ReceivedPort ?? 0) : string.Empty;
        var alg = evidence.Count > 0 ? "; SIP ALG suspected: " + evidence[0] : string.Empty;
        if (UnavailableCodes.Contains(response.StatusCode))
        {
            Fail(result, null, FailureReason.ProxyUnavailable, "The proxy at " + where + " answered " + code + " in " + rtt + " ms: reachable, but not serving now" + seen + alg + ".", DnsFailureKind.None, response.StatusCode);
            return;
        }

        result.Outcome = ProbeStatus.Succeeded;
        result.Reason = FailureReason.None;
        result.Message = code + " from " + where + " in " + rtt + " ms" + (exchange.Transmissions > 1 ? " after " + (exchange.Transmissions - 1) + " retransmission(s)" : string.Empty) + seen + alg + ".";
        result.Remediation = SipRemediation.For(FailureReason.None, target.Transport, target.TargetHost, target.Port, DnsFailureKind.None, target.Resolver, response.StatusCode, evidence.Count > 0);
        log.Verbose("SIP: " + result.Message);
    }

    private static SipOptionsResult Unresolved(SipServerAddress server, SipTargetFailure failure, IReadOnlyList<SipDnsStep> steps, DateTimeOffset timestamp, IEngineLog log)
    {
        var result = NewResult(server, failure.Transport, server.Port ?? failure.Port, steps, timestamp);
        result.Resolver = failure.Resolver;
        result.ResolutionPath = failure.Path;
        if (failure.NotOffered)
        {
            result.Outcome = ProbeStatus.Skipped;
            result.Reason = FailureReason.None;
            result.DnsKind = DnsFailureKind.NoRecords;
            result.Message = failure.Message;
            log.Verbose(server.Input + "/" + failure.Transport + ": skipped: " + failure.Message);
            return result;
        }

        result.ResolvedBy = string.Empty;
        Fail(result, server, FailureReason.DnsFailure, failure.Message, failure.Kind, null);
        log.Verbose(server.Input + "/" + failure.Transport + ": DnsFailure (" + failure.Kind + "): " + failure.Message);
        return result;
    }

    private static void Fail(SipOptionsResult result, SipServerAddress? server, FailureReason reason, string message, DnsFailureKind dns, int? statusCode, bool connected = false)
    {
        result.Outcome = ProbeStatus.Failed;
        result.Reason = reason;
        result.DnsKind = dns;
        result.Message = message;
        var transport = (TransportProtocol)Enum.Parse(typeof(TransportProtocol), result.Transport);
        result.Remediation = SipRemediation.For(reason, transport, server?.Host ?? result.Server, result.Port, dns, result.Resolver, statusCode, result.AlgSuspected == true, connected);
    }

    private static SipOptionsResult NewResult(SipServerAddress server, TransportProtocol transport, int port, IReadOnlyList<SipDnsStep> steps, DateTimeOffset timestamp) => new()
    {
        Server = server.Host,
        Port = port,
        Transport = transport.ToString(),
        Resolution = steps,
        Timestamp = timestamp,
    };

    private static bool FamilyAllowed(IPAddress address, AddressFamilyPreference family) => family switch
    {
        AddressFamilyPreference.IPv4 => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyPreference.IPv6 => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };
}
