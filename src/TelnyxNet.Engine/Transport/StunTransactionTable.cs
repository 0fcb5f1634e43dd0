using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// Pending client transactions by id (RFC 8489 §6.3.1). A response completes the transaction
/// with its id only if it comes from the address the request went to and passes the
/// transaction's own checks; anything else is ignored and counted, so a stray, spoofed or broken
/// message can neither complete nor fail a check (RFC 8489 §6.3: a response that fails the
/// checks is discarded, and the client keeps waiting).
/// </summary>
public sealed class StunTransactionTable
{
    private readonly object _gate = new();
    private readonly Dictionary<TransactionId, Pending> _pending = new();
    private int _unknownTransaction;
    private int _unexpectedSource;
    private int _discarded;

    /// <summary>Responses whose transaction id matched nothing pending.</summary>
    public int UnknownTransactionCount => Volatile.Read(ref _unknownTransaction);

    /// <summary>Responses with a pending id that came from another address than the request went to.</summary>
    public int UnexpectedSourceCount => Volatile.Read(ref _unexpectedSource);

    /// <summary>Messages with a pending id from the expected source that were discarded: undecodable, or failing the transaction's checks.</summary>
    public int DiscardedCount => Volatile.Read(ref _discarded);

    /// <summary>How many transactions are pending.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Registers a transaction; the task completes when a matching response that passes
    /// <paramref name="check"/> (null: accepted; else why it is discarded) or a failure arrives.
    /// </summary>
    public Task<StunReceipt> Register(TransactionId id, EndPoint? expectedSource, Func<StunMessage, string?>? check = null)
    {
        var pending = new Pending(expectedSource is null ? null : Normalize(expectedSource), check);
        lock (_gate)
        {
            if (_pending.ContainsKey(id))
            {
                throw new InvalidOperationException("Transaction " + id + " is already pending.");
            }

            _pending.Add(id, pending);
        }

        return pending.Completion.Task;
    }

    /// <summary>Removes a transaction (done, timed out or cancelled).</summary>
    public void Remove(TransactionId id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    /// <summary>
    /// Hands a decoded response to its transaction: it completes it, or the transaction's check
    /// discards it (counted for the transaction; see <see cref="DiscardsOf"/>), or it matches none (counted).
    /// </summary>
    public StunDelivery Deliver(StunMessage response, EndPoint source, TimeSpan receivedAt)
    {
        Pending? pending;
        lock (_gate)
        {
            if (!TryFind(response.TransactionId, source, out pending))
            {
                return StunDelivery.Unmatched;
            }

            var rejected = pending!.Check?.Invoke(response);
            if (rejected != null)
            {
                Discard(pending, rejected);
                return StunDelivery.Discarded;
            }

            _pending.Remove(response.TransactionId);
        }

        pending.Completion.TrySetResult(StunReceipt.Received(response, source, receivedAt));
        return StunDelivery.Completed;
    }

    /// <summary>
    /// Discards a message that carries a pending id but did not decode (RFC 8489 §6.3): the
    /// transaction goes on waiting. False when the id is not pending or the source is unexpected (counted).
    /// </summary>
    public bool Discard(TransactionId id, EndPoint source, string reason)
    {
        lock (_gate)
        {
            if (!TryFind(id, source, out var pending))
            {
                return false;
            }

            Discard(pending!, reason);
            return true;
        }
    }

    /// <summary>How many messages were discarded for a pending transaction, and why the last one was; (0, null) when none or not pending.</summary>
    public (int Count, string? LastReason) DiscardsOf(TransactionId id)
    {
        lock (_gate)
        {
            return _pending.TryGetValue(id, out var pending) ? (pending.Discarded, pending.LastDiscard) : (0, null);
        }
    }

    /// <summary>Fails every pending transaction, e.g. when the socket reports ICMP port unreachable.</summary>
    public void FailAll(FailureReason reason, string message, TimeSpan at)
    {
        List<Pending> all;
        lock (_gate)
        {
            all = _pending.Values.ToList();
            _pending.Clear();
        }

        foreach (var pending in all)
        {
            pending.Completion.TrySetResult(StunReceipt.Failed(reason, message, at));
        }
    }

    private static EndPoint Normalize(EndPoint endPoint) =>
        endPoint is IPEndPoint ip && ip.Address.IsIPv4MappedToIPv6
            ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port)
            : endPoint;

    private void Discard(Pending pending, string reason)
    {
        pending.Discarded++;
        pending.LastDiscard = reason;
        _discarded++;
    }

    /// <summary>The pending transaction <paramref name="id"/> when <paramref name="source"/> is the one expected; else counts why not. Under the lock.</summary>
    private bool TryFind(TransactionId id, EndPoint source, out Pending? pending)
    {
        if (!_pending.TryGetValue(id, out pending))
        {
            _unknownTransaction++;
            return false;
        }

        if (pending.ExpectedSource != null && !pending.ExpectedSource.Equals(Normalize(source)))
        {
            _unexpectedSource++;
            pending = null;
            return false;
        }

        return true;
    }

    private sealed class Pending
    {
        public Pending(EndPoint? expectedSource, Func<StunMessage, string?>? check)
        {
            ExpectedSource = expectedSource;
            Check = check;
        }

        public EndPoint? ExpectedSource { get; }

        public Func<StunMessage, string?>? Check { get; }

        public int Discarded { get; set; }

        public string? LastDiscard { get; set; }

        public TaskCompletionSource<StunReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
