using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Nat;

/// <summary>What one test's Binding request got: the mapped address and where the answer came from, or the failure.</summary>
internal sealed class NatAnswer
{
    private NatAnswer(IPEndPoint? mapped, IPEndPoint? source, StunMessage? response, ProbeException? failure)
    {
        Mapped = mapped;
        Source = source;
        Response = response;
        Failure = failure;
    }

    public IPEndPoint? Mapped { get; }

    public IPEndPoint? Source { get; }

    public StunMessage? Response { get; }

    public ProbeException? Failure { get; }

    public bool Answered => Mapped != null;

    /// <summary>No answer in time (as opposed to a refusal or an error response).</summary>
    public bool Silent => Failure?.Reason == FailureReason.Timeout;

    public static NatAnswer Of(IPEndPoint mapped, IPEndPoint? source, StunMessage response) => new(mapped, source, response, null);

    public static NatAnswer Failed(ProbeException failure) => new(null, null, null, failure);
}
