using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Ice;

/// <summary>
/// One gathering (RFC 8445 §5.1.1), as a browser does it: a host candidate for every usable
/// address of every up interface (one UDP socket each), a Binding from each of those sockets to
/// each STUN server (srflx, RFC 8445 §5.1.1.2), a TURN allocation from each base to each TURN
/// server (relay), all at once under one deadline. Redundant candidates (same address and base,
/// §5.1.3) are dropped; every candidate is handed to the sink the moment it is found;
/// allocations are deleted after their candidate is taken.
/// </summary>
internal sealed class IceGatherer
{
    private const string Activity = "Gathering ICE candidates";
    private readonly IceGatheringOptions _options;
    private readonly IEngineLog _log;
    private readonly Action<IceCandidate>? _sink;
    private readonly object _gate = new();
    private readonly List<IceCandidate> _candidates = new();
    private readonly Dictionary<IPEndPoint, List<IPEndPoint>> _mappedByBase = new();
    private TimeSpan _start;
    private TimeSpan? _firstNonHost;
    private int _timedOut;

    public IceGatherer(IceGatheringOptions options, IEngineLog log, Action<IceCandidate>? sink)
    {
        _options = options;
        _log = log;
        _sink = sink;
    }

    public async Task<IceGatheringSummary> RunAsync(IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = _options.Clock;
        var timestamp = clock.UtcNow;
        _start = clock.Elapsed;
        var deadline = _start + _options.Timeout;
        var reports = _options.StunServers.Select(s => new IceServerReport { Server = s.ToString(), Kind = "stun", Transport = TransportProtocol.Udp })
            .Concat(_options.TurnServers.Select(s => new IceServerReport { Server = s.ToString(), Kind = "turn", Transport = s.Transport }))
            .ToList();
        var bases = OpenBases();
        try
        {
            var jobs = _options.StunServers.Select((server, i) => (Name: server.ToString(), Run: (Func<Task>)(() => GatherSrflxAsync(server, i, reports[i], bases, deadline, cancellationToken))))
                .Concat(_options.TurnServers.Select((server, i) => (Name: server.ToString(), Run: (Func<Task>)(() => GatherRelayAsync(server, i, reports[_options.StunServers.Count + i], bases, deadline, cancellationToken)))))
                .ToList();
            if (jobs.Count > 0 && bases.Count > 0)
            {
                // Every job keeps the gathering's one deadline (the SDK's gathering timeout), not one of its own.
                await ProbeFanOut.EveryServerAsync<(string Name, Func<Task> Run), int>(jobs, _options, Activity, "Asking " + jobs.Count + " server(s) from " + bases.Count + " address(es)", j => j.Name, async (j, _) =>
                {
                    await j.Run().ConfigureAwait(false);
                    return Array.Empty<int>();
                }, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var b in bases)
            {
                b.Dispose();
            }
        }

        return Summarize(reports, bases, timestamp, clock.Elapsed - _start);
    }

    /// <summary>Opens a socket on every usable address and reports its host candidate (RFC 8445 §5.1.1.1).</summary>
    private List<IceBase> OpenBases()
    {
        IReadOnlyList<LocalInterface> interfaces;
        try
        {
            interfaces = _options.Interfaces.GetInterfaces();
        }
        catch (System.Net.NetworkInformation.NetworkInformationException ex)
        {
            _log.Verbose("The interface list could not be read: " + ex.Message);
            interfaces = Array.Empty<LocalInterface>();
        }

        var bases = new List<IceBase>();
        var groups = new Dictionary<(AdapterKind, bool), int>();
        foreach (var adapter in interfaces)
        {
            var (kind, rule) = AdapterClassification.Classify(adapter);
            if (!adapter.IsUp || kind == AdapterKind.Loopback)
            {
                _log.Verbose("Interface " + adapter + " is " + (adapter.IsUp ? "loopback" : "down") + ": no candidates.");
                continue;
            }

            foreach (var address in adapter.Addresses)
            {
                var skip = SkipReason(address);
                if (skip != null)
                {
                    _log.Verbose("Interface " + adapter.Name + ": " + address + " is not gathered (" + skip + ").");
                    continue;
                }

                IDatagramSocket socket;
                try
                {
                    socket = _options.OpenBoundDatagramSocket(new IPEndPoint(address, 0));
                }
                catch (Exception ex) when (ex is SocketException || ex is IOException)
                {
                    _log.Verbose("Interface " + adapter.Name + ": cannot bind " + address + " (" + ex.Message + "); no candidates from it.");
                    continue;
                }

                var ipv6 = AddressClassification.IsIPv6(address);
                groups.TryGetValue((kind, ipv6), out var ordinal);
                groups[(kind, ipv6)] = ordinal + 1;
                var b = new IceBase(adapter, kind, rule, address, ordinal, new StunUdpClient(socket, _options.Clock, _log));
                bases.Add(b);
                Add(new IceCandidate
                {
                    Kind = IceCandidateType.Host,
                    Address = address.ToString(),
                    Port = b.EndPoint.Port,
                    Priority = IcePriority.Compute(IceCandidateType.Host, IcePriority.LocalPreference(kind, ipv6, null, ordinal)),
                    Foundation = IceFoundation.Compute(IceCandidateType.Host, address, null, "udp", null),
                    Base = b.EndPoint,
                }, b, null);
            }
        }

        return bases;
    }

    /// <summary>Why a browser would not gather <paramref name="address"/>, or null.</summary>
    private string? SkipReason(IPAddress address)
    {
        var ipv6 = AddressClassification.IsIPv6(address);
        if ((_options.AddressFamily == AddressFamilyPreference.IPv4 && ipv6) || (_options.AddressFamily == AddressFamilyPreference.IPv6 && !ipv6))
        {
            return "only " + _options.AddressFamily + " was asked for";
        }

        return AddressClassification.Classify(address) switch
        {
            AddressClass.Loopback => "loopback",
            AddressClass.LinkLocal when ipv6 => "IPv6 link-local: browsers do not gather fe80::/10 addresses",
            _ => null,
        };
    }

    private Task GatherSrflxAsync(StunServerAddress server, int index, IceServerReport report, IReadOnlyList<IceBase> bases, TimeSpan deadline, CancellationToken cancellationToken) =>
        FromEveryBaseAsync(server.Host, server.Port, report, bases, deadline, (b, remote) => BindAsync(b, server, remote, index, report, deadline, cancellationToken), cancellationToken);

    private async Task BindAsync(IceBase b, StunServerAddress server, IPEndPoint remote, int index, IceServerReport report, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await b.Client.ExecuteAsync(BindingResponse.Request(), remote, _options.Retransmission, Remaining(deadline), cancellationToken).ConfigureAwait(false);
            var mapped = BindingResponse.MappedEndPoint(outcome.Response);
            var ordinal = (b.Ordinal * Math.Max(1, _options.StunServers.Count)) + index;
            Add(new IceCandidate
            {
                Kind = IceCandidateType.Srflx,
                Address = mapped.Address.ToString(),
                Port = mapped.Port,
                Priority = IcePriority.Compute(IceCandidateType.Srflx, IcePriority.LocalPreference(b.Kind, b.IsIPv6, null, ordinal)),
                Foundation = IceFoundation.Compute(IceCandidateType.Srflx, b.Address, remote.Address, "udp", null),
                RelatedAddress = b.Address.ToString(),
                RelatedPort = b.EndPoint.Port,
                Server = server.ToString(),
                Base = b.EndPoint,
            }, b, report);
        }
        catch (ProbeException ex)
        {
            Failed(report, b, ex);
        }
    }

    private Task GatherRelayAsync(TurnServerAddress server, int index, IceServerReport report, IReadOnlyList<IceBase> bases, TimeSpan deadline, CancellationToken cancellationToken) =>
        FromEveryBaseAsync(server.Host, server.Port, report, bases, deadline, (b, remote) => AllocateAsync(b, server, remote, index, report, deadline, cancellationToken), cancellationToken);

    /// <summary>Resolves a server and runs <paramref name="attempt"/> from every base, each to the server's first address of the base's family.</summary>
    private async Task FromEveryBaseAsync(string host, int port, IceServerReport report, IReadOnlyList<IceBase> bases, TimeSpan deadline, Func<IceBase, IPEndPoint, Task> attempt, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, report, deadline, cancellationToken).ConfigureAwait(false);
        var attempts = new List<Task>();
        foreach (var b in bases)
        {
            var address = addresses.FirstOrDefault(a => AddressClassification.IsIPv6(a) == b.IsIPv6);
            if (address != null)
            {
                attempts.Add(attempt(b, new IPEndPoint(address, port)));
            }
        }

        report.NoBaseOfItsFamily = addresses.Count > 0 && attempts.Count == 0;
        await Task.WhenAll(attempts).ConfigureAwait(false);
    }

    private async Task AllocateAsync(IceBase b, TurnServerAddress server, IPEndPoint remote, int index, IceServerReport report, TimeSpan deadline, CancellationToken cancellationToken)
    {
        TurnClient? client = null;
        try
        {
            client = await TurnConnector.ConnectAsync(server.Transport, remote, server.Host, server.Credential ?? _options.Credential, _options, b.Address, deadline, _log, cancellationToken).ConfigureAwait(false);
            var allocation = await client.AllocateAsync(deadline, cancellationToken).ConfigureAwait(false);
            var mapped = allocation.Mapped ?? client.Transport.LocalEndPoint as IPEndPoint ?? b.EndPoint;
            var ordinal = (b.Ordinal * Math.Max(1, _options.TurnServers.Count)) + index;
            Add(new IceCandidate
            {
                Kind = IceCandidateType.Relay,
                Address = allocation.Relayed.Address.ToString(),
                Port = allocation.Relayed.Port,
                Priority = IcePriority.Compute(IceCandidateType.Relay, IcePriority.LocalPreference(b.Kind, b.IsIPv6, server.Transport, ordinal)),
                Foundation = IceFoundation.Compute(IceCandidateType.Relay, b.Address, remote.Address, "udp", server.Transport),
                RelatedAddress = mapped.Address.ToString(),
                RelatedPort = mapped.Port,
                Server = server.ToString(),
                RelayTransport = server.Transport,
                Base = b.EndPoint,
            }, b, report);
        }
        catch (ProbeException ex)
        {
            Failed(report, b, ex);
        }
        catch (TurnRedirectException redirect)
        {
            Failed(report, b, new ProbeException(FailureReason.ErrorResponse, redirect.Message + " Browsers do not follow a TURN redirect while gathering.") { ErrorCode = TurnErrors.TryAlternate });
        }
        finally
        {
            if (client != null)
            {
                if (client.Allocation != null)
                {
                    await client.DeleteAsync(_options.CleanupTimeout).ConfigureAwait(false);
                }

                await client.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, IceServerReport report, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await HostResolution.ResolveAsync(_options.Resolver, host, _options.AddressFamily, Remaining(deadline), _options.Clock, _log, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            Failed(report, null, ex);
            return Array.Empty<IPAddress>();
        }
    }

    /// <summary>Takes a candidate unless it is redundant (RFC 8445 §5.1.3), and hands it on at once.</summary>
    private void Add(IceCandidate candidate, IceBase b, IceServerReport? report)
    {
        candidate.Interface = b.Interface.Name;
        candidate.InterfaceDescription = b.Interface.Description;
        candidate.AdapterKindValue = b.Kind;
        candidate.AdapterRule = b.Rule?.ToString() ?? string.Empty;
        candidate.AddressClassValue = AddressClassification.Classify(IPAddress.Parse(candidate.Address));
        lock (_gate)
        {
            var elapsed = _options.Clock.Elapsed - _start;
            candidate.GatheredAfterMs = Math.Round(elapsed.TotalMilliseconds, 3);
            if (report != null)
            {
                report.Answers++;
            }

            if (candidate.Kind == IceCandidateType.Srflx)
            {
                var mapped = new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port);
                if (!_mappedByBase.TryGetValue(b.EndPoint, out var seen))
                {
                    _mappedByBase[b.EndPoint] = seen = new List<IPEndPoint>();
                }

                var redundant = mapped.Equals(b.EndPoint) || seen.Contains(mapped);
                if (!seen.Contains(mapped))
                {
                    seen.Add(mapped);
                }

                if (redundant)
                {
                    _log.Verbose(candidate.Server + " saw " + b.Interface.Name + " " + b.EndPoint + " as " + mapped + ": redundant with " + (mapped.Equals(b.EndPoint) ? "its host candidate (no NAT)" : "an earlier srflx candidate") + ".");
                    return;
                }
            }

            if (candidate.Kind != IceCandidateType.Host && _firstNonHost is null)
            {
                _firstNonHost = elapsed;
            }

            if (report != null)
            {
                report.Candidates++;
            }

            _candidates.Add(candidate);
            _log.Verbose("Candidate: " + candidate.CandidateLine + " (" + b.Interface.Name + ").");
            _sink?.Invoke(candidate);
        }
    }

    private void Failed(IceServerReport report, IceBase? b, ProbeException failure)
    {
        if (failure.Reason == FailureReason.Timeout)
        {
            Interlocked.Exchange(ref _timedOut, 1);
        }

        lock (_gate)
        {
            report.Failures.Add(failure);
            if (report.Reason == FailureReason.None)
            {
                report.Reason = failure.Reason;
            }

            report.Message += (report.Message.Length > 0 ? " " : string.Empty) + (b is null ? string.Empty : "From " + b.Interface.Name + " " + b.Address + ": ") + failure.Message;
        }

        _log.Verbose(report.Server + (b is null ? string.Empty : " from " + b.Interface.Name + " " + b.Address) + ": " + failure.Reason + ": " + failure.Message);
    }

    private IceGatheringSummary Summarize(IReadOnlyList<IceServerReport> reports, IReadOnlyList<IceBase> bases, DateTimeOffset timestamp, TimeSpan complete)
    {
        List<IceCandidate> candidates;
        List<(IPEndPoint, IReadOnlyList<IPEndPoint>)> varying;
        lock (_gate)
        {
            candidates = _candidates.ToList();
            varying = _mappedByBase.Where(p => p.Value.Count > 1).Select(p => (p.Key, (IReadOnlyList<IPEndPoint>)p.Value.ToList())).ToList();
        }

        var timedOut = Volatile.Read(ref _timedOut) != 0;
        var findings = IceFindings.For(new IceGatheringFacts
        {
            Candidates = candidates,
            Servers = reports,
            TimedOut = timedOut,
            Family = _options.AddressFamily,
            VaryingMappings = varying,
        });
        var summary = new IceGatheringSummary
        {
            HostCount = candidates.Count(c => c.Kind == IceCandidateType.Host),
            SrflxCount = candidates.Count(c => c.Kind == IceCandidateType.Srflx),
            RelayCount = candidates.Count(c => c.Kind == IceCandidateType.Relay),
            InterfaceCount = bases.Select(b => b.Interface.Name).Distinct().Count(),
            FirstNonHostMs = _firstNonHost is TimeSpan first ? Math.Round(first.TotalMilliseconds, 3) : null,
            CompleteMs = Math.Round(complete.TotalMilliseconds, 3),
            TimedOut = timedOut,
            Findings = findings,
            Candidates = candidates,
            Servers = reports,
            Timestamp = timestamp,
        };
        summary.Message = summary.HostCount + " host, " + summary.SrflxCount + " srflx and " + summary.RelayCount + " relay candidate(s) from " + summary.InterfaceCount + " interface(s) in "
            + summary.CompleteMs.ToString("0", CultureInfo.InvariantCulture) + " ms" + (timedOut ? " (timed out)" : string.Empty)
            + (findings.Count > 0 ? "; findings: " + summary.FindingCodes + "." : ".");
        return summary;
    }

    private TimeSpan Remaining(TimeSpan deadline) => ProbeFanOut.Remaining(_options, deadline);
}
