using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Internal;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// STUN client transactions over one datagram socket (RFC 8489 §6.2.1, §6.3): retransmits on
/// the policy's schedule, never past the caller's timeout, matches responses through a
/// <see cref="StunTransactionTable"/>, and ends at once when cancelled. Disposing releases the socket.
/// </summary>
public sealed class StunUdpClient : IDisposable
{
    private const int MaxConsecutiveReceiveErrors = 8;
    private readonly IDatagramSocket _socket;
    private readonly IClock _clock;
    private readonly IEngineLog _log;
    private readonly CancellationTokenSource _lifetime = new();
    private int _malformed;
    private int _transmissions;
    private int _disposed;
    private ProbeException? _receiveFailure;

    /// <summary>Starts receiving on <paramref name="socket"/>, which the client now owns.</summary>
    public StunUdpClient(IDatagramSocket socket, IClock clock, IEngineLog? log = null)
    {
        _socket = socket ?? throw new ArgumentNullException(nameof(socket));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _log = log ?? NullEngineLog.Instance;
        _ = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Pending transactions and counts of ignored responses.</summary>
    public StunTransactionTable Transactions { get; } = new();

    /// <summary>Requests sent in all, retransmissions included, whether or not their transactions succeeded.</summary>
    public int Transmissions => Volatile.Read(ref _transmissions);

    /// <summary>Datagrams that did not decode as STUN.</summary>
    public int MalformedCount => Volatile.Read(ref _malformed);

    /// <summary>Why the most recent malformed datagram failed to decode.</summary>
    public StunDecodeError? LastDecodeError { get; private set; }

    /// <summary>The socket's local end point.</summary>
    public EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    /// <summary>
    /// Called on the receive loop for every STUN indication (RFC 8489 §3), e.g. a TURN Data
    /// indication; without a handler indications are ignored and counted as unknown transactions.
    /// </summary>
    public Action<StunMessage, EndPoint>? IndicationHandler { get; set; }

    /// <summary>
    /// Called on the receive loop for every datagram that is not STUN (e.g. TURN ChannelData, or a
    /// peer's payload) with the buffer, count and source; the buffer is valid only during the call.
    /// It returns false for a datagram it does not take either, which then counts as malformed, as
    /// every such datagram does without a handler.
    /// </summary>
    public Func<byte[], int, EndPoint, bool>? NonStunHandler { get; set; }

    /// <summary>
    /// Called on the receive loop for every socket error a receive reports (ICMP port or network
    /// unreachable on a connected socket), besides failing the pending transactions: for a protocol
    /// that shares the socket through <see cref="NonStunHandler"/>.
    /// </summary>
    public Action<SocketException>? SocketErrorHandler { get; set; }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="remote"/> and waits for the response
    /// with the same transaction id, retransmitting per <paramref name="policy"/>. A response that
    /// does not decode, or that <paramref name="check"/> rejects (it returns why), is discarded and
    /// the transaction waits on (RFC 8489 §6.3). Throws <see cref="ProbeException"/> (timeout,
    /// refused, unreachable, only invalid responses) or <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<StunTransactionOutcome> ExecuteAsync(byte[] request, EndPoint remote, RetransmissionPolicy policy, TimeSpan timeout, CancellationToken cancellationToken, Func<StunMessage, string?>? check = null) =>
        ExecuteAsync(request, remote, remote, policy, timeout, cancellationToken, check);

    /// <summary>
    /// As <see cref="ExecuteAsync(byte[], EndPoint, RetransmissionPolicy, TimeSpan, CancellationToken, Func{StunMessage, string})"/>,
    /// accepting the response from <paramref name="answerFrom"/> instead of <paramref name="remote"/>,
    /// or from anywhere when it is null: for RFC 5780 CHANGE-REQUEST, where the server answers from
    /// its other address, and the caller checks the outcome's <see cref="StunTransactionOutcome.Source"/>.
    /// </summary>
    public async Task<StunTransactionOutcome> ExecuteAsync(byte[] request, EndPoint remote, EndPoint? answerFrom, RetransmissionPolicy policy, TimeSpan timeout, CancellationToken cancellationToken, Func<StunMessage, string?>? check = null)
    {
        if (request is null || request.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("A STUN request of at least 20 bytes is required.", nameof(request));
        }

        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        ThrowIfDisposed();
        var id = TransactionId.FromBytes(request, 8);
        var receipt = Transactions.Register(id, answerFrom, check);
        try
        {
            ThrowIfDisposed();
            if (Volatile.Read(ref _receiveFailure) is ProbeException stopped)
            {
                throw new ProbeException(stopped.Reason, stopped.Message, stopped);
            }

            return await RunScheduleAsync(request, id, remote, policy, timeout, receipt, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Transactions.Remove(id);
        }
    }

    /// <summary>Sends one datagram outside any transaction (an indication or ChannelData: RFC 8656 §11, §12).</summary>
    public async Task SendAsync(byte[] datagram, EndPoint remote, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await SendOnceAsync(datagram ?? throw new ArgumentNullException(nameof(datagram)), remote, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops receiving, fails pending transactions and closes the socket.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _lifetime.Cancel();
        _socket.Dispose();
        Transactions.FailAll(FailureReason.None, "client disposed", _clock.Elapsed);
        _lifetime.Dispose();
    }

    /// <summary>
    /// RFC 8489 §6.2.1's schedule, cut short by <paramref name="timeout"/>: transmission i at
    /// start + times[i] and never before it, only while that is before the end, then a wait to
    /// the end. A wait that ends early (timers work in whole milliseconds) waits again for what
    /// is left, so granularity can neither add a transmission nor move one earlier.
    /// </summary>
    private async Task<StunTransactionOutcome> RunScheduleAsync(byte[] request, TransactionId id, EndPoint remote, RetransmissionPolicy policy, TimeSpan timeout, Task<StunReceipt> receipt, CancellationToken cancellationToken)
    {
        var times = policy.TransmissionTimes();
        var start = _clock.Elapsed;
        var end = start + (timeout < policy.TransactionTimeout ? timeout : policy.TransactionTimeout);
        var malformedAtStart = MalformedCount;
        var lastSend = start;
        var transmissions = 0;
        for (var i = 0; i < times.Count && start + times[i] < end; i++)
        {
            if (await WaitUntilAsync(receipt, start + times[i], cancellationToken).ConfigureAwait(false))
            {
                return Complete(await receipt.ConfigureAwait(false), remote, lastSend, transmissions);
            }

            lastSend = _clock.Elapsed;
            await SendOnceAsync(request, remote, cancellationToken).ConfigureAwait(false);
            transmissions++;
            Interlocked.Increment(ref _transmissions);
            _log.Verbose(i == 0
                ? "Sent " + StunMessageType.MethodOf(BigEndian.ReadUInt16(request, 0)) + " request " + id + " to " + remote + "."
                : "No answer yet from " + remote + "; retransmission " + i + " of " + (times.Count - 1) + ".");
        }

        if (await WaitUntilAsync(receipt, end, cancellationToken).ConfigureAwait(false))
        {
            return Complete(await receipt.ConfigureAwait(false), remote, lastSend, transmissions);
        }

        var waited = (_clock.Elapsed - start).TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
        var (discarded, why) = Transactions.DiscardsOf(id);
        if (discarded > 0)
        {
            throw new ProbeException(FailureReason.ProtocolError, "Malformed or invalid response from " + remote + " (" + why + "): " + discarded + " discarded, no valid STUN answer after " + transmissions + " transmission(s) in " + waited + " s.");
        }

        if (MalformedCount > malformedAtStart)
        {
            throw new ProbeException(FailureReason.ProtocolError, "Malformed response from " + remote + " (" + LastDecodeError + "); no valid STUN answer in " + waited + " s.");
        }

        throw new ProbeException(FailureReason.Timeout, "No response from " + remote + " after " + transmissions + " transmission(s) in " + waited + " s.");
    }

    /// <summary>Waits until the clock reaches <paramref name="due"/> (true at once if the receipt comes first), again for the remainder whenever a wait ends early.</summary>
    private async Task<bool> WaitUntilAsync(Task<StunReceipt> receipt, TimeSpan due, CancellationToken cancellationToken)
    {
        while (!receipt.IsCompleted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = due - _clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            if (await WaitAsync(receipt, left, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return true;
    }

    private async Task<bool> WaitAsync(Task<StunReceipt> receipt, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = _clock.Delay(wait, delayCancel.Token);
        var first = await Task.WhenAny(receipt, delay).ConfigureAwait(false);
        delayCancel.Cancel();
        if (first == receipt)
        {
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    private StunTransactionOutcome Complete(StunReceipt receipt, EndPoint remote, TimeSpan lastSend, int transmissions)
    {
        if (receipt.Response is null)
        {
            if (receipt.Failure == FailureReason.None)
            {
                throw new ObjectDisposedException(nameof(StunUdpClient));
            }

            var message = receipt.Failure switch
            {
                FailureReason.Refused => "UDP to " + remote + " refused: ICMP port unreachable came back (nothing listens there, or a firewall rejects it).",
                FailureReason.Unreachable => "UDP to " + remote + " unreachable: an ICMP network or host unreachable came back (no route to it on the way): " + receipt.FailureMessage,
                _ => receipt.FailureMessage ?? receipt.Failure.ToString(),
            };
            throw new ProbeException(receipt.Failure, message);
        }

        var rtt = receipt.ReceivedAt - lastSend;
        return new StunTransactionOutcome(receipt.Response, receipt.Source, rtt < TimeSpan.Zero ? TimeSpan.Zero : rtt, transmissions);
    }

    private async Task SendOnceAsync(byte[] request, EndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(request, remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Classify(ex, "UDP to " + remote);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var token = _lifetime.Token;
        var consecutiveErrors = 0;
        while (!token.IsCancellationRequested)
        {
            ReceivedDatagram datagram;
            try
            {
                datagram = await _socket.ReceiveAsync(token).ConfigureAwait(false);
                consecutiveErrors = 0;
            }
            catch (SocketException ex) when (!token.IsCancellationRequested)
            {
                var failure = SocketErrors.Classify(ex, "UDP");
                _log.Verbose("Socket reported " + ex.SocketErrorCode + ": " + failure.Message);
                Transactions.FailAll(failure.Reason, failure.Message, _clock.Elapsed);
                SocketErrorHandler?.Invoke(ex);

                // ICMP errors (port or network unreachable) are reported once per event and the
                // socket stays usable; a socket that fails on every receive is given up.
                if (++consecutiveErrors < MaxConsecutiveReceiveErrors)
                {
                    continue;
                }

                Volatile.Write(ref _receiveFailure, failure);
                return;
            }
            catch (Exception) when (token.IsCancellationRequested || Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            Handle(datagram);
        }
    }

    private void Handle(ReceivedDatagram datagram)
    {
        var now = _clock.Elapsed;
        var nonStun = NonStunHandler;
        if (nonStun != null && !StunDecoder.LooksLikeStun(datagram.Buffer, 0, datagram.Count) && nonStun(datagram.Buffer, datagram.Count, datagram.Source))
        {
            return;
        }

        if (StunDecoder.TryDecode(datagram.Buffer, 0, datagram.Count, out var message, out var error))
        {
            var indication = IndicationHandler;
            if (indication != null && message!.Class == StunClass.Indication)
            {
                indication(message, datagram.Source);
                return;
            }

            switch (Transactions.Deliver(message!, datagram.Source, now))
            {
                case StunDelivery.Unmatched:
                    _log.Verbose("Ignored a response from " + datagram.Source + " that matches no pending request (id " + message!.TransactionId + ").");
                    break;
                case StunDelivery.Discarded:
                    _log.Verbose("Discarded a response from " + datagram.Source + " to request " + message!.TransactionId + " that fails the checks (RFC 8489 §6.3): " + Transactions.DiscardsOf(message.TransactionId).LastReason + "; still waiting for a valid one.");
                    break;
            }

            return;
        }

        Interlocked.Increment(ref _malformed);
        LastDecodeError = error;
        if (datagram.Count >= StunMessage.HeaderLength && BigEndian.ReadUInt32(datagram.Buffer, 4) == StunMessage.MagicCookie
            && Transactions.Discard(TransactionId.FromBytes(datagram.Buffer, 8), datagram.Source, "malformed: " + error))
        {
            _log.Verbose("Discarded " + datagram.Count + " bytes from " + datagram.Source + " for a pending request that are not valid STUN (" + error + ", RFC 8489 §6.3); still waiting for a valid answer.");
            return;
        }

        _log.Verbose("Received " + datagram.Count + " bytes from " + datagram.Source + " that are not valid STUN: " + error + ".");
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(StunUdpClient));
        }
    }
}
