using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Makaretu.Dns;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Dns;

/// <summary>
/// A stub resolver client: Makaretu.Dns for the message model and wire format, the transport here.
/// A question goes over UDP (RFC 1035 §4.2.1, with EDNS(0) offering 1232-byte answers, RFC 6891)
/// to the first resolver, and again over TCP to the same resolver when the answer is truncated
/// (TC set, RFC 7766 §5). Answers must carry the query's id and question (RFC 5452 §9.1) or are
/// ignored. NOERROR and NXDOMAIN are final; SERVFAIL, REFUSED, other RCODEs, silence and port
/// unreachable move on to the next resolver, and resolvers that were silent or unreachable once are
/// asked last for the rest of this client's life. Each resolver gets at most its share of the time
/// left and <see cref="ResolverTimeout"/>; UDP is retransmitted after 1 s, doubling. Failures are
/// data (<see cref="DnsAnswer.Failure"/>); only cancellation throws.
/// </summary>
internal sealed class DnsClient
{
    /// <summary>The EDNS(0) UDP payload size offered (DNS flag day 2020: no IP fragmentation).</summary>
    public const int UdpPayloadSize = 1232;

    private static readonly TimeSpan FirstRetransmission = TimeSpan.FromSeconds(1);
    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly Func<IPEndPoint, IDatagramSocket> _openDatagram;
    private readonly Func<AddressFamily, Socket> _openStream;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly HashSet<IPEndPoint> _unresponsive = new();

    public DnsClient(IReadOnlyList<IPEndPoint> servers, Func<IPEndPoint, IDatagramSocket> openDatagram, Func<AddressFamily, Socket> openStream, IClock clock, IEngineLog log, TimeSpan resolverTimeout)
    {
        _servers = servers;
        _openDatagram = openDatagram;
        _openStream = openStream;
        _clock = clock;
        _log = log;
        ResolverTimeout = resolverTimeout;
    }

    /// <summary>The most one resolver is given for one question (UDP retransmissions and a TCP retry included).</summary>
    public TimeSpan ResolverTimeout { get; }

    /// <summary>The resolvers, in the order the system lists them.</summary>
    public IReadOnlyList<IPEndPoint> Servers => _servers;

    /// <summary>The type's mnemonic (RFC 1035 §3.2.2, RFC 3403 for NAPTR).</summary>
    public static string TypeName(DnsType type) => (int)type == NaptrRecord.TypeCode ? "NAPTR" : type.ToString();

    /// <summary>Asks every resolver in turn until one answers finally, by <paramref name="deadline"/> on the client's clock.</summary>
    public async Task<DnsAnswer> QueryAsync(string name, DnsType type, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var attempts = new List<string>();
        if (_servers.Count == 0)
        {
            return new DnsAnswer(name, type, Array.Empty<ResourceRecord>(), DnsFailureKind.Unreachable, "This machine has no DNS resolver configured.", null, string.Empty, attempts);
        }

        List<IPEndPoint> order;
        lock (_unresponsive)
        {
            order = _servers.Where(s => !_unresponsive.Contains(s)).Concat(_servers.Where(_unresponsive.Contains)).ToList();
        }

        var failures = new List<(IPEndPoint Server, DnsFailureKind Kind, string Detail)>();
        for (var i = 0; i < order.Count; i++)
        {
            var server = order[i];
            var left = deadline - _clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var share = TimeSpan.FromTicks(left.Ticks / (order.Count - i));
            var budget = share < ResolverTimeout ? share : ResolverTimeout;
            var outcome = await AskAsync(server, name, type, _clock.Elapsed + budget, cancellationToken).ConfigureAwait(false);
            if (outcome.Final)
            {
                return new DnsAnswer(name, type, outcome.Records, outcome.Kind, outcome.Detail, server, outcome.Transport, attempts);
            }

            failures.Add((server, outcome.Kind, outcome.Detail));
            attempts.Add(HostPortSyntax.Format(server.Address.ToString(), server.Port) + " " + outcome.Kind + ": " + outcome.Detail);
            if (outcome.Kind == DnsFailureKind.Timeout || outcome.Kind == DnsFailureKind.Unreachable)
            {
                lock (_unresponsive)
                {
                    _unresponsive.Add(server);
                }
            }
        }

        if (failures.Count == 0)
        {
            return new DnsAnswer(name, type, Array.Empty<ResourceRecord>(), DnsFailureKind.Timeout, "No time was left to ask a resolver for " + name + ".", order[0], string.Empty, attempts);
        }

        // The kind is the first resolver's (the one the system prefers); Attempts tells each one's.
        var kind = failures[0].Kind;
        var detail = failures.Count == 1
            ? failures[0].Detail
            : "No resolver answered " + TypeName(type) + " " + name + ": " + string.Join("; ", attempts) + ".";
        return new DnsAnswer(name, type, Array.Empty<ResourceRecord>(), kind, detail, failures[failures.Count - 1].Server, string.Empty, attempts);
    }

    /// <summary>A query message (RFC 1035 §4.1) with a random id, RD set, and an EDNS(0) OPT record.</summary>
    internal static byte[] BuildQuery(ushort id, string name, DnsType type)
    {
        var query = new Message { Id = id, RD = true };
        query.Questions.Add(new Question { Name = new DomainName(name), Type = type, Class = DnsClass.IN });
        query.AdditionalRecords.Add(new OPTRecord { RequestorPayloadSize = UdpPayloadSize });
        return query.ToByteArray();
    }

    /// <summary>
    /// Decodes an answer and checks that it answers the question (QR set, same id, one question of
    /// the same name, type and class). Never throws: false with why not.
    /// </summary>
    internal static bool TryReadResponse(byte[] buffer, int count, ushort id, string name, DnsType type, out Message? response, out string? error)
    {
        response = null;
        if (count < Message.MinLength || count < 2 || BigEndian.ReadUInt16(buffer, 0) != id)
        {
            error = count < Message.MinLength ? "a " + count + "-byte datagram, shorter than a DNS header" : "another query's id";
            return false;
        }

        var message = new Message();
        try
        {
            message.Read(buffer, 0, count);
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is EndOfStreamException || ex is IOException || ex is ArgumentException || ex is KeyNotFoundException
            || ex is IndexOutOfRangeException || ex is InvalidCastException || ex is OverflowException || ex is FormatException || ex is NotSupportedException)
        {
            error = "not a valid DNS message (" + ex.Message + ")";
            return false;
        }

        if (!message.IsResponse || message.Questions.Count != 1)
        {
            error = message.IsResponse ? "an answer with " + message.Questions.Count + " questions" : "a query, not an answer";
            return false;
        }

        var question = message.Questions[0];
        if (question.Type != type || question.Class != DnsClass.IN || !string.Equals(string.Join(".", question.Name.Labels), name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        {
            error = "an answer to another question (" + TypeName(question.Type) + " " + string.Join(".", question.Name.Labels) + ")";
            return false;
        }

        response = message;
        error = null;
        return true;
    }

    private static ushort NewId()
    {
        var bytes = new byte[2];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return BigEndian.ReadUInt16(bytes, 0);
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture);

    private async Task<Outcome> AskAsync(IPEndPoint server, string name, DnsType type, TimeSpan until, CancellationToken cancellationToken)
    {
        var id = NewId();
        var query = BuildQuery(id, name, type);
        var at = HostPortSyntax.Format(server.Address.ToString(), server.Port);
        _log.Verbose("DNS: asking " + at + " for " + TypeName(type) + " " + name + " over UDP.");
        Message response;
        var transport = "UDP";
        try
        {
            response = await UdpAsync(server, query, id, name, type, until, cancellationToken).ConfigureAwait(false);
            if (response.TC)
            {
                _log.Verbose("DNS: the UDP answer from " + at + " is truncated; asking again over TCP (RFC 7766).");
                transport = "TCP";
                response = await TcpAsync(server, query, id, name, type, until, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DnsAttemptException ex)
        {
            _log.Verbose("DNS: " + at + ": " + ex.Kind + ": " + ex.Message);
            return new Outcome(false, ex.Kind, ex.Message, Array.Empty<ResourceRecord>(), string.Empty);
        }

        return Classify(response, at, name, type, transport);
    }

    private Outcome Classify(Message response, string at, string name, DnsType type, string transport)
    {
        var what = TypeName(type) + " " + name;
        switch (response.Status)
        {
            case MessageStatus.NoError:
                var records = response.Answers.Where(r => r.Type == type && r.Class == DnsClass.IN).ToList();
                _log.Verbose("DNS: " + at + " answered " + what + " over " + transport + " with " + records.Count + " record(s).");
                return records.Count > 0
                    ? new Outcome(true, DnsFailureKind.None, what + ": " + records.Count + " record(s) from " + at + " over " + transport + ".", records, transport)
                    : new Outcome(true, DnsFailureKind.NoRecords, name + " exists but has no " + TypeName(type) + " records (answer from " + at + ").", records, transport);
            case MessageStatus.NameError:
                _log.Verbose("DNS: " + at + " answered NXDOMAIN for " + what + ".");
                return new Outcome(true, DnsFailureKind.NameNotFound, name + " does not exist (NXDOMAIN from " + at + ").", Array.Empty<ResourceRecord>(), transport);
            case MessageStatus.ServerFailure:
                return new Outcome(false, DnsFailureKind.ServerFailure, at + " answered SERVFAIL for " + what + ": the resolver could not get an answer from upstream.", Array.Empty<ResourceRecord>(), transport);
            case MessageStatus.Refused:
                return new Outcome(false, DnsFailureKind.Refused, at + " answered REFUSED for " + what + ": it does not serve this machine or this name.", Array.Empty<ResourceRecord>(), transport);
            default:
                return new Outcome(false, DnsFailureKind.Malformed, at + " answered " + what + " with RCODE " + (int)response.Status + " (" + response.Status + ").", Array.Empty<ResourceRecord>(), transport);
        }
    }

    private async Task<Message> UdpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsType type, TimeSpan until, CancellationToken cancellationToken)
    {
        IDatagramSocket socket;
        try
        {
            socket = _openDatagram(server);
        }
        catch (SocketException ex)
        {
            throw new DnsAttemptException(DnsFailureKind.Unreachable, "UDP to the resolver failed at once (" + ex.SocketErrorCode + ": " + ex.Message + ").");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ReceivedDatagram>? receive = null;
        var start = _clock.Elapsed;
        var nextSend = start;
        var interval = FirstRetransmission;
        var sends = 0;
        string? lastInvalid = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = _clock.Elapsed;
                if (now >= until)
                {
                    var waited = Seconds(now - start);
                    throw lastInvalid is null
                        ? new DnsAttemptException(DnsFailureKind.Timeout, "no answer after " + sends + " UDP transmission(s) in " + waited + " s.")
                        : new DnsAttemptException(DnsFailureKind.Malformed, "no valid answer in " + waited + " s; it sent " + lastInvalid + ".");
                }

                if (now >= nextSend)
                {
                    await SendAsync(socket, query, server, cancellationToken).ConfigureAwait(false);
                    sends++;
                    nextSend = now + interval;
                    interval = TimeSpan.FromTicks(interval.Ticks * 2);
                }

                receive ??= socket.ReceiveAsync(stop.Token);
                var wait = (nextSend < until ? nextSend : until) - _clock.Elapsed;
                if (!await TaskWaits.CompletesWithinAsync(receive, wait, _clock, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                ReceivedDatagram datagram;
                try
                {
                    datagram = await receive.ConfigureAwait(false);
                }
                catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var failure = SocketErrors.Classify(ex, "UDP to the resolver");
                    throw new DnsAttemptException(DnsFailureKind.Unreachable, failure.Reason == FailureReason.Refused
                        ? "nothing answers DNS there (ICMP port unreachable)."
                        : "no route to the resolver (" + ex.SocketErrorCode + ").");
                }
                finally
                {
                    receive = null;
                }

                if (TryReadResponse(datagram.Buffer, datagram.Count, id, name, type, out var response, out var error))
                {
                    return response!;
                }

                lastInvalid = error;
                _log.Verbose("DNS: ignored " + error + " from " + datagram.Source + ".");
            }
        }
        finally
        {
            stop.Cancel();
            socket.Dispose();
            TaskWaits.Abandon(receive);
        }
    }

    private static async Task SendAsync(IDatagramSocket socket, byte[] query, IPEndPoint server, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(query, server, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new DnsAttemptException(DnsFailureKind.Unreachable, "UDP to the resolver could not be sent (" + ex.SocketErrorCode + ": " + ex.Message + ").");
        }
    }


    /// <summary>The same question over TCP (RFC 1035 §4.2.2: each message prefixed with its 16-bit length), within the resolver's time.</summary>
    private async Task<Message> TcpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsType type, TimeSpan until, CancellationToken cancellationToken)
    {
        var socket = _openStream(server.AddressFamily);
        try
        {
            return await Deadline.RunAsync(ExchangeTcpAsync(socket, server, query, id, name, type), until - _clock.Elapsed, _clock, socket.Dispose, "DNS over TCP to " + server, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex)
        {
            throw new DnsAttemptException(ex.Reason == FailureReason.Timeout ? DnsFailureKind.Timeout : ex.Reason == FailureReason.ProtocolError ? DnsFailureKind.Malformed : DnsFailureKind.Unreachable, "the UDP answer was truncated and TCP failed: " + ex.Message);
        }
        finally
        {
            await OrderlyClose.EndAsync(socket, null, _clock).ConfigureAwait(false);
            socket.Dispose();
        }
    }

    private static async Task<Message> ExchangeTcpAsync(Socket socket, IPEndPoint server, byte[] query, ushort id, string name, DnsType type)
    {
        await StreamConnect.ConnectSocketAsync(socket, server).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var framed = new byte[query.Length + 2];
        framed[0] = (byte)(query.Length >> 8);
        framed[1] = (byte)query.Length;
        Buffer.BlockCopy(query, 0, framed, 2, query.Length);
        try
        {
            await stream.WriteAsync(framed, 0, framed.Length).ConfigureAwait(false);
            var prefix = await ReadExactlyAsync(stream, 2).ConfigureAwait(false);
            var message = await ReadExactlyAsync(stream, BigEndian.ReadUInt16(prefix, 0)).ConfigureAwait(false);
            if (TryReadResponse(message, message.Length, id, name, type, out var response, out var error))
            {
                return response!;
            }

            // On a connection of our own only our question can be answered; anything else is broken.
            throw new ProbeException(FailureReason.ProtocolError, "the resolver sent " + error + " over TCP.");
        }
        catch (IOException ex) when (StreamConnect.IsReset(ex))
        {
            // A reset is the resolver's side cutting the flow (DnsFailureKind.Unreachable), whenever it comes; nothing it sent was malformed.
            throw new ProbeException(FailureReason.ConnectionReset, "the resolver reset the TCP connection before a complete answer (" + ex.Message + ").", ex);
        }
        catch (IOException ex)
        {
            throw new ProbeException(FailureReason.ProtocolError, "the TCP connection failed (" + ex.Message + ").", ex);
        }
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var offset = 0;
        while (offset < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer, offset, buffer.Length - offset).ConfigureAwait(false);
            if (read == 0)
            {
                throw new ProbeException(FailureReason.ProtocolError, "the resolver closed the TCP connection before a complete answer.");
            }

            offset += read;
        }

        return buffer;
    }

    private readonly struct Outcome
    {
        public Outcome(bool final, DnsFailureKind kind, string detail, IReadOnlyList<ResourceRecord> records, string transport)
        {
            Final = final;
            Kind = kind;
            Detail = detail;
            Records = records;
            Transport = transport;
        }

        public bool Final { get; }

        public DnsFailureKind Kind { get; }

        public string Detail { get; }

        public IReadOnlyList<ResourceRecord> Records { get; }

        public string Transport { get; }
    }

    private sealed class DnsAttemptException : Exception
    {
        public DnsAttemptException(DnsFailureKind kind, string message)
            : base(message) => Kind = kind;

        public DnsFailureKind Kind { get; }
    }
}
