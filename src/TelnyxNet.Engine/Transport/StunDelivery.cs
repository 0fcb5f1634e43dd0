namespace TelnyxNet.Engine.Transport;

/// <summary>What became of a response handed to a <see cref="StunTransactionTable"/>.</summary>
public enum StunDelivery
{
    /// <summary>It completed its pending transaction.</summary>
    Completed,

    /// <summary>It carried a pending id from the expected source but failed the transaction's checks: discarded, the transaction waits on (RFC 8489 §6.3).</summary>
    Discarded,

    /// <summary>No pending transaction has its id, or it came from another source than the request went to.</summary>
    Unmatched,
}
