using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>What ended a pending transaction: a matching response, or a failure the socket reported for it.</summary>
public sealed class StunReceipt
{
    private StunReceipt(StunMessage? response, EndPoint? source, TimeSpan receivedAt, FailureReason failure, string? failureMessage)
    {
        Response = response;
        Source = source;
        ReceivedAt = receivedAt;
        Failure = failure;
        FailureMessage = failureMessage;
    }

    /// <summary>The response, when one arrived.</summary>
    public StunMessage? Response { get; }

    /// <summary>Where the response came from.</summary>
    public EndPoint? Source { get; }

    /// <summary>Clock time when it arrived.</summary>
    public TimeSpan ReceivedAt { get; }

    /// <summary>The failure, when the transaction ended without a response.</summary>
    public FailureReason Failure { get; }

    /// <summary>Details of the failure.</summary>
    public string? FailureMessage { get; }

    internal static StunReceipt Received(StunMessage response, EndPoint source, TimeSpan receivedAt) =>
        new(response, source, receivedAt, FailureReason.None, null);

    internal static StunReceipt Failed(FailureReason reason, string message, TimeSpan at) =>
        new(null, null, at, reason, message);
}
