using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>
/// Pending client transactions by id (RFC 8489 §6.3.1). A response completes the transaction
/// with its id only if it comes from the address the request went to; anything else is
/// ignored and counted, so a stray or spoofed datagram can neither complete nor fail a check.
/// </summary>
public sealed class StunTransactionTable
{
    private readonly object _gate = new();
    private readonly Dictionary<TransactionId, Pending> _pending = new();
    private int _unknownTransaction;
    private int _unexpectedSource;

    /// <summary>Responses whose transaction id matched nothing pending.</summary>
    public int UnknownTransactionCount => Volatile.Read(ref _unknownTransaction);

    /// <summary>Responses with a pending id that came from another address than the request went to.</summary>
    public int UnexpectedSourceCount => Volatile.Read(ref _unexpectedSource);

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

    /// <summary>Registers a transaction; the task completes when a matching response or a failure arrives.</summary>
    public Task<StunReceipt> Register(TransactionId id, EndPoint? expectedSource)
    {
        var pending = new Pending(expectedSource is null ? null : Normalize(expectedSource));
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

    /// <summary>Hands a decoded response to its transaction. False (and counted) when it matches none.</summary>
    public bool Deliver(StunMessage response, EndPoint source, TimeSpan receivedAt)
    {
        if (!TryTake(response.TransactionId, source, out var pending))
        {
            return false;
        }

        pending!.Completion.TrySetResult(StunReceipt.Received(response, source, receivedAt));
        return true;
    }

    /// <summary>Fails one transaction, e.g. when its response arrived malformed. False (and counted) when it matches none.</summary>
    public bool Fail(TransactionId id, EndPoint source, FailureReason reason, string message, TimeSpan at)
    {
        if (!TryTake(id, source, out var pending))
        {
            return false;
        }

        pending!.Completion.TrySetResult(StunReceipt.Failed(reason, message, at));
        return true;
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

    private bool TryTake(TransactionId id, EndPoint source, out Pending? pending)
    {
        lock (_gate)
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

            _pending.Remove(id);
            return true;
        }
    }

    private sealed class Pending
    {
        public Pending(EndPoint? expectedSource) => ExpectedSource = expectedSource;

        public EndPoint? ExpectedSource { get; }

        public TaskCompletionSource<StunReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
