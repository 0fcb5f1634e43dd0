using System.Net;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Transport;

/// <summary>A completed client transaction: the response and how it was obtained.</summary>
public sealed class StunTransactionOutcome
{
    internal StunTransactionOutcome(StunMessage response, EndPoint? source, TimeSpan roundTripTime, int transmissions)
    {
        Response = response;
        Source = source;
        RoundTripTime = roundTripTime;
        Transmissions = transmissions;
    }

    /// <summary>The response (success or error class).</summary>
    public StunMessage Response { get; }

    /// <summary>Where it came from.</summary>
    public EndPoint? Source { get; }

    /// <summary>From the last transmission to the response.</summary>
    public TimeSpan RoundTripTime { get; }

    /// <summary>How many times the request was sent (1 over TCP and TLS).</summary>
    public int Transmissions { get; }
}
