using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Nat;

/// <summary>
/// One NAT behaviour discovery (RFC 5780 §4) from one local address. Test I from two fresh
/// sockets (one for mapping, one for filtering) learns the mapping and whether the server gives
/// OTHER-ADDRESS. With it: the filtering tests II and III (§4.4, CHANGE-REQUEST ip+port, then
/// port) and hairpinning (§4.5) run first, then the mapping tests II and III (§4.3, the
/// alternate address, then the alternate address and port), so that no mapping test has opened
/// the firewall for a filtering test's answer. Without it: the mapped address a second server sees
/// from the same socket. Binding lifetime (§4.6, RESPONSE-PORT) only on request. Every wait is
/// bounded; the evidence records what each test saw.
/// </summary>
internal sealed class NatDiscovery
{
    private const string Activity = "Testing NAT behaviour";
    private readonly NatBehaviorOptions _options;
    private readonly IEngineLog _log;
    private readonly List<(int Order, NatEvidence Evidence)> _evidence = new();
    private int _started;
    private readonly List<StunUdpClient> _clients = new();
    private TimeSpan _deadline;

    public NatDiscovery(NatBehaviorOptions options, IEngineLog log)
    {
        _options = options;
        _log = log;
    }

    public async Task<NatBehaviorResult> RunAsync(IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var primary = _options.Servers[0];
        var result = new NatBehaviorResult { Server = primary.Host, Port = primary.Port, Timestamp = _options.Clock.UtcNow, MethodValue = NatMethod.TwoServerComparison };
        _deadline = _options.Clock.Elapsed + _options.Timeout + (_options.MeasureLifetime ? _options.LifetimeLimit + _options.FilteringTimeout : TimeSpan.Zero);
        progress?.Report(new ProbeProgress(Activity, "Test I: mapped address from " + primary.Input, 0));
        try
        {
            await DiscoverAsync(result, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            result.Outcome = ProbeStatus.Failed;
            result.Reason = ex.Reason;
            result.Message = ex.Message;
            result.Remediation = StunRemediation.For(ex.Reason, TransportProtocol.Udp, primary.Host, primary.Port, ex.ErrorCode);
        }
        finally
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            progress?.Report(new ProbeProgress(Activity, "Done", 100, completed: true));
        }

        lock (_evidence)
        {
            result.Evidence = _evidence.OrderBy(e => e.Order).Select(e => e.Evidence).ToList();
        }

        return result;
    }

    private async Task DiscoverAsync(NatBehaviorResult result, IProgress<ProbeProgress>? progress, CancellationToken cancellationToken)
    {
        var primary = _options.Servers[0];
        var second = _options.Servers.Count > 1 ? ResolveAsync(_options.Servers[1], cancellationToken) : null;
        var serverAddress = (await ResolveAsync(primary, cancellationToken).ConfigureAwait(false)).First();
        var server = new IPEndPoint(serverAddress, primary.Port);
        var local = LocalAddressFor(server);
        var mapping = Open(local);
        var filtering = Open(local);
        var mappingLocal = (IPEndPoint)mapping.LocalEndPoint!;
        result.LocalAddress = local.ToString();
        result.LocalPort = mappingLocal.Port;

        var firstTask = AskAsync(mapping, "Mapping I (RFC 5780 §4.3)", server, server, Remaining(), cancellationToken);
        var filterFirstTask = AskAsync(filtering, "Filtering I (RFC 5780 §4.4)", server, server, Remaining(), cancellationToken);
        var first = await firstTask.ConfigureAwait(false);
        var filterFirst = await filterFirstTask.ConfigureAwait(false);
        if (!first.Answered)
        {
            throw first.Failure!;
        }

        var mapped = first.Mapped!;
        result.Outcome = ProbeStatus.Succeeded;
        result.PublicAddress = mapped.Address.ToString();
        result.PublicPort = mapped.Port;
        result.PortPreserved = mapped.Port == mappingLocal.Port;
        var noNat = mapped.Address.Equals(local) && mapped.Port == mappingLocal.Port;
        var other = OtherAddress(first.Response!, server);
        result.OtherAddress = first.Response!.GetAttribute<StunAddressAttribute>(StunAttributeType.OtherAddress)?.EndPoint.ToString() ?? string.Empty;
        var notes = new List<string>();
        progress?.Report(new ProbeProgress(Activity, other is null ? "Comparing two servers" : "Filtering and hairpinning tests", 30));

        var hairpin = noNat ? Task.FromResult<bool?>(null) : HairpinAsync(mapping, Open(local), mapped, cancellationToken);
        if (other is null)
        {
            if (result.OtherAddress.Length > 0)
            {
                notes.Add("OTHER-ADDRESS " + result.OtherAddress + " is not another address and port of the server, so RFC 5780's tests cannot use it");
            }

            result.Filtering = NatFilteringBehavior.Unknown;
            notes.Add("filtering is Unknown: " + primary.Input + " gives no usable OTHER-ADDRESS, so it cannot answer from another address (RFC 5780)");
            await CompareTwoServersAsync(result, mapping, mapped, noNat, second, notes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result.MethodValue = NatMethod.Rfc5780;
            result.Filtering = filterFirst.Answered ? await FilteringAsync(filtering, server, other, notes, cancellationToken).ConfigureAwait(false) : NatFilteringBehavior.Unknown;
            if (!filterFirst.Answered)
            {
                notes.Add("filtering is Unknown: its first test got no answer");
            }

            progress?.Report(new ProbeProgress(Activity, "Mapping tests II and III", 60));
            await MappingAsync(result, mapping, server, other, mapped, noNat, notes, cancellationToken).ConfigureAwait(false);
        }

        result.Hairpinning = await hairpin.ConfigureAwait(false);
        if (_options.MeasureLifetime)
        {
            progress?.Report(new ProbeProgress(Activity, "Binding lifetime (up to " + _options.LifetimeLimit.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s idle)", 80));
            result.BindingLifetimeSeconds = await LifetimeAsync(local, server, notes, cancellationToken).ConfigureAwait(false);
        }

        NatVerdict.Describe(result, notes, _options.MeasureLifetime ? _options.LifetimeLimit.TotalSeconds : double.MaxValue);
    }

    /// <summary>RFC 5780 §4.3: tests II (alternate address, primary port) and III (alternate address and port) from the mapping socket.</summary>
    private async Task MappingAsync(NatBehaviorResult result, StunUdpClient mapping, IPEndPoint server, IPEndPoint other, IPEndPoint mapped, bool noNat, List<string> notes, CancellationToken cancellationToken)
    {
        if (noNat)
        {
            result.Mapping = NatMappingBehavior.NoNat;
            result.MappingVariesByDestination = false;
            return;
        }

        var alternateAddress = new IPEndPoint(other.Address, server.Port);
        var second = await AskAsync(mapping, "Mapping II (RFC 5780 §4.3)", alternateAddress, alternateAddress, Remaining(), cancellationToken).ConfigureAwait(false);
        if (!second.Answered)
        {
            result.Mapping = NatMappingBehavior.Inconclusive;
            notes.Add("mapping is Inconclusive: the server's alternate address " + Format(alternateAddress) + " did not answer (" + second.Failure!.Reason + ")");
            return;
        }

        if (second.Mapped!.Equals(mapped))
        {
            result.Mapping = NatMappingBehavior.EndpointIndependent;
            result.MappingVariesByDestination = false;
            return;
        }

        result.MappingVariesByDestination = true;
        var third = await AskAsync(mapping, "Mapping III (RFC 5780 §4.3)", other, other, Remaining(), cancellationToken).ConfigureAwait(false);
        if (!third.Answered)
        {
            result.Mapping = NatMappingBehavior.Inconclusive;
            notes.Add("mapping varies by destination address, but the alternate address and port " + Format(other) + " did not answer (" + third.Failure!.Reason + "), so address and port dependence cannot be told apart");
            return;
        }

        result.Mapping = third.Mapped!.Equals(second.Mapped) ? NatMappingBehavior.AddressDependent : NatMappingBehavior.AddressAndPortDependent;
    }

    /// <summary>RFC 5780 §4.4: tests II (CHANGE-REQUEST ip+port) and III (port only) from the filtering socket, in parallel.</summary>
    private async Task<NatFilteringBehavior> FilteringAsync(StunUdpClient filtering, IPEndPoint server, IPEndPoint other, List<string> notes, CancellationToken cancellationToken)
    {
        var otherPort = new IPEndPoint(server.Address, other.Port);
        var wait = Wait();
        var both = AskAsync(filtering, "Filtering II (RFC 5780 §4.4)", server, null, wait, cancellationToken, new StunChangeRequestAttribute(changeIp: true, changePort: true));
        var port = AskAsync(filtering, "Filtering III (RFC 5780 §4.4)", server, null, wait, cancellationToken, new StunChangeRequestAttribute(changeIp: false, changePort: true));
        var fromOther = await both.ConfigureAwait(false);
        var fromOtherPort = await port.ConfigureAwait(false);
        foreach (var (answer, expected) in new[] { (fromOther, other), (fromOtherPort, otherPort) })
        {
            if (answer.Answered && !expected.Equals(answer.Source))
            {
                notes.Add("filtering is Unknown: the server answered a CHANGE-REQUEST from " + answer.Source + ", not from " + Format(expected) + ", so it does not honour CHANGE-REQUEST");
                return NatFilteringBehavior.Unknown;
            }

            if (!answer.Answered && !answer.Silent)
            {
                notes.Add("filtering is Unknown: the server rejected CHANGE-REQUEST (" + answer.Failure!.Message.TrimEnd('.') + ")");
                return NatFilteringBehavior.Unknown;
            }
        }

        return fromOther.Answered ? NatFilteringBehavior.EndpointIndependent
            : fromOtherPort.Answered ? NatFilteringBehavior.AddressDependent
            : NatFilteringBehavior.AddressAndPortDependent;
    }

    /// <summary>Without OTHER-ADDRESS: the mapped address the second server sees from the same socket.</summary>
    private async Task CompareTwoServersAsync(NatBehaviorResult result, StunUdpClient mapping, IPEndPoint mapped, bool noNat, Task<IReadOnlyList<IPAddress>>? second, List<string> notes, CancellationToken cancellationToken)
    {
        if (noNat)
        {
            result.Mapping = NatMappingBehavior.NoNat;
            result.MappingVariesByDestination = false;
            return;
        }

        result.Mapping = NatMappingBehavior.Inconclusive;
        IPAddress? address = null;
        try
        {
            address = second is null ? null : (await second.ConfigureAwait(false)).FirstOrDefault(a => a.AddressFamily == mapped.AddressFamily);
        }
        catch (ProbeException ex)
        {
            notes.Add("the second server " + _options.Servers[1].Input + " did not resolve (" + ex.Message.TrimEnd('.') + ")");
        }

        if (address is null)
        {
            notes.Add("mapping is Inconclusive: only one server could be asked, and it gives no OTHER-ADDRESS");
            return;
        }

        var target = new IPEndPoint(address, _options.Servers[1].Port);
        var other = await AskAsync(mapping, "Two-server comparison (" + _options.Servers[1].Input + ")", target, target, Remaining(), cancellationToken).ConfigureAwait(false);
        if (!other.Answered)
        {
            notes.Add("mapping is Inconclusive: the second server " + _options.Servers[1].Input + " did not answer (" + other.Failure!.Reason + ")");
            return;
        }

        result.MappingVariesByDestination = !other.Mapped!.Equals(mapped);
        if (result.MappingVariesByDestination == true)
        {
            notes.Add("the two servers saw " + Format(mapped) + " and " + Format(other.Mapped) + ": the mapping varies by destination, but without RFC 5780 address and port dependence cannot be told apart, so mapping is Inconclusive");
            return;
        }

        result.Mapping = NatMappingBehavior.EndpointIndependent;
    }

    /// <summary>RFC 5780 §4.5: a Binding request from a second socket to the first one's public address; true when it comes back in.</summary>
    private async Task<bool?> HairpinAsync(StunUdpClient target, StunUdpClient sender, IPEndPoint mapped, CancellationToken cancellationToken)
    {
        var request = BindingResponse.Request();
        var receipt = target.Transactions.Register(TransactionId.FromBytes(request, 8), null);
        var start = _options.Clock.Elapsed;
        var wait = Wait();
        var times = _options.Retransmission.TransmissionTimes();
        try
        {
            for (var i = 0; i < times.Count && _options.Clock.Elapsed - start < wait && !receipt.IsCompleted; i++)
            {
                try
                {
                    await sender.SendAsync(request, mapped, cancellationToken).ConfigureAwait(false);
                }
                catch (ProbeException ex)
                {
                    Record("Hairpinning (RFC 5780 §4.5)", Format(mapped) + " from a second socket", "Failed", null, null, ex.Message);
                    return false;
                }

                var next = i + 1 < times.Count && times[i + 1] < wait ? times[i + 1] : wait;
                await WaitForAsync(receipt, next - (_options.Clock.Elapsed - start), cancellationToken).ConfigureAwait(false);
            }

            var came = receipt.IsCompleted && (await receipt.ConfigureAwait(false)).Response != null;
            Record("Hairpinning (RFC 5780 §4.5)", Format(mapped) + " from a second socket", came ? "Answered" : "NoAnswer", null, came ? receipt.Result.Source as IPEndPoint : null,
                came ? "the request came back in through the NAT's public address" : "nothing came back in within " + Seconds(wait) + " s: the NAT does not hairpin");
            return came;
        }
        finally
        {
            target.Transactions.Remove(TransactionId.FromBytes(request, 8));
        }
    }

    /// <summary>
    /// RFC 5780 §4.6: one fresh mapping per idle time (1, 2, 4 … s up to the limit), all made at
    /// once; after each idle time a Binding from another socket asks the server (RESPONSE-PORT) to
    /// answer to that mapping's public port. The longest idle time after which every shorter one
    /// also came in, or null.
    /// </summary>
    private async Task<double?> LifetimeAsync(IPAddress local, IPEndPoint server, List<string> notes, CancellationToken cancellationToken)
    {
        var idle = new List<TimeSpan>();
        for (var t = TimeSpan.FromSeconds(1); t < _options.LifetimeLimit; t = TimeSpan.FromTicks(t.Ticks * 2))
        {
            idle.Add(t);
        }

        idle.Add(_options.LifetimeLimit);
        var prober = Open(local);
        var checks = idle.Select(async t =>
        {
            var socket = Open(local);
            var made = await AskAsync(socket, "Lifetime: mapping for " + Seconds(t) + " s idle", server, server, Remaining(), cancellationToken).ConfigureAwait(false);
            if (!made.Answered)
            {
                return (Idle: t, Alive: false);
            }

            var started = _options.Clock.Elapsed;
            await _options.Clock.Delay(t, cancellationToken).ConfigureAwait(false);
            var request = BindingResponse.Request(new StunShortFieldAttribute(StunAttributeType.ResponsePort, (ushort)made.Mapped!.Port));
            var receipt = socket.Transactions.Register(TransactionId.FromBytes(request, 8), server);
            try
            {
                var wait = Wait();
                var times = _options.Retransmission.TransmissionTimes();
                for (var i = 0; i < times.Count && _options.Clock.Elapsed - started - t < wait && !receipt.IsCompleted; i++)
                {
                    await prober.SendAsync(request, server, cancellationToken).ConfigureAwait(false);
                    var next = i + 1 < times.Count && times[i + 1] < wait ? times[i + 1] : wait;
                    await WaitForAsync(receipt, next - (_options.Clock.Elapsed - started - t), cancellationToken).ConfigureAwait(false);
                }

                var alive = receipt.IsCompleted && (await receipt.ConfigureAwait(false)).Response != null;
                Record("Lifetime: after " + Seconds(t) + " s idle", Format(server) + " RESPONSE-PORT " + made.Mapped.Port, alive ? "Answered" : "NoAnswer", null, null,
                    alive ? "the mapping " + Format(made.Mapped) + " still let the answer in" : "the mapping " + Format(made.Mapped) + " no longer let the answer in (expired, or the server ignores RESPONSE-PORT)");
                return (Idle: t, Alive: alive);
            }
            finally
            {
                socket.Transactions.Remove(TransactionId.FromBytes(request, 8));
            }
        }).ToList();
        var outcomes = (await Task.WhenAll(checks).ConfigureAwait(false)).OrderBy(o => o.Idle).ToList();
        var lived = outcomes.TakeWhile(o => o.Alive).ToList();
        if (lived.Count == 0)
        {
            notes.Add("the binding lifetime is unknown: no answer came in even after " + Seconds(idle[0]) + " s idle (the mapping expired, or the server does not support RESPONSE-PORT)");
            return null;
        }

        return lived[lived.Count - 1].Idle.TotalSeconds;
    }

    /// <summary>Sends a Binding request (with <paramref name="attributes"/>) and records what came back; never throws but for cancellation.</summary>
    private async Task<NatAnswer> AskAsync(StunUdpClient client, string test, IPEndPoint to, IPEndPoint? answerFrom, TimeSpan wait, CancellationToken cancellationToken, params StunAttribute[] attributes)
    {
        var order = Interlocked.Increment(ref _started);
        var target = Format(to) + string.Concat(attributes.OfType<StunChangeRequestAttribute>().Select(c => " CHANGE-REQUEST " + (c.ChangeIp ? "ip+port" : "port")));
        NatAnswer answer;
        try
        {
            var outcome = await client.ExecuteAsync(BindingResponse.Request(attributes), to, answerFrom, _options.Retransmission, wait, cancellationToken).ConfigureAwait(false);
            answer = NatAnswer.Of(BindingResponse.MappedEndPoint(outcome.Response), outcome.Source as IPEndPoint, outcome.Response);
        }
        catch (ProbeException ex)
        {
            answer = NatAnswer.Failed(ex);
        }

        Record(order, test, target, answer.Answered ? "Answered" : answer.Silent ? "NoAnswer" : "Failed", answer.Mapped, answer.Source, answer.Failure?.Message ?? string.Empty);
        return answer;
    }

    private void Record(string test, string target, string outcome, IPEndPoint? mapped, IPEndPoint? source, string note) =>
        Record(Interlocked.Increment(ref _started), test, target, outcome, mapped, source, note);

    /// <summary>Adds evidence in the order its test was started (<paramref name="order"/>), whatever order the answers came in.</summary>
    private void Record(int order, string test, string target, string outcome, IPEndPoint? mapped, IPEndPoint? source, string note)
    {
        var evidence = new NatEvidence(test, target, outcome, mapped is null ? string.Empty : Format(mapped), source is null ? string.Empty : Format(source), note);
        _log.Verbose(evidence.ToString());
        lock (_evidence)
        {
            _evidence.Add((order, evidence));
        }
    }

    private async Task WaitForAsync(Task receipt, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero || receipt.IsCompleted)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(receipt, _options.Clock.Delay(wait, stop.Token)).ConfigureAwait(false);
        stop.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private Task<IReadOnlyList<IPAddress>> ResolveAsync(StunServerAddress server, CancellationToken cancellationToken) =>
        HostResolution.ResolveAsync(_options.Resolver, server.Host, _options.AddressFamily, Remaining(), _options.Clock, _log, cancellationToken);

    /// <summary>The local address the system routes <paramref name="server"/> from (a connected socket that sends nothing).</summary>
    private IPAddress LocalAddressFor(IPEndPoint server)
    {
        try
        {
            using var probe = _options.OpenDatagramSocket(server);
            var local = (IPEndPoint)probe.LocalEndPoint!;
            return local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        }
        catch (Exception ex) when (ex is SocketException || ex is IOException)
        {
            throw ex is SocketException socket ? SocketErrors.Classify(socket, "UDP to " + server) : new ProbeException(FailureReason.Unreachable, "No local address routes to " + server + ": " + ex.Message, ex);
        }
    }

    private StunUdpClient Open(IPAddress local)
    {
        IDatagramSocket socket;
        try
        {
            socket = _options.OpenBoundDatagramSocket(new IPEndPoint(local, 0));
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "UDP from " + local);
        }

        var client = new StunUdpClient(socket, _options.Clock, _log);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>OTHER-ADDRESS when it names another address and another port of the server (RFC 5780 §7.4), else null.</summary>
    private static IPEndPoint? OtherAddress(StunMessage response, IPEndPoint server)
    {
        var other = response.GetAttribute<StunAddressAttribute>(StunAttributeType.OtherAddress)?.EndPoint;
        return other != null && other.AddressFamily == server.AddressFamily && !other.Address.Equals(server.Address) && other.Port != server.Port && other.Port != 0 ? other : null;
    }

    private TimeSpan Remaining() => ProbeFanOut.Remaining(_options, _deadline);

    private TimeSpan Wait()
    {
        var left = Remaining();
        return left < _options.FilteringTimeout ? left : _options.FilteringTimeout;
    }

    private static string Format(IPEndPoint endPoint) => StunServerAddress.FormatHostPort(endPoint.Address.ToString(), endPoint.Port);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
