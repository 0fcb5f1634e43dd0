using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Tests.Lab;

/// <summary>The fields of one result in <c>telnyxnet stun --json</c> that the lab tests read.</summary>
internal sealed record LabStunResult(
    string Server,
    int Port,
    TransportProtocol Transport,
    string LocalAddress,
    int? LocalPort,
    string MappedAddress,
    int? MappedPort,
    bool? BehindNat,
    int Sent,
    int Received,
    int Retransmissions,
    ProbeStatus Status,
    FailureReason FailureReason,
    string Message,
    string Remediation,
    string OtherAddress)
{
    /// <inheritdoc />
    public override string ToString() =>
        Server + ":" + Port + "/" + Transport + " " + Status + " " + FailureReason + " (local " + LocalAddress + ":" + LocalPort + ", mapped " + MappedAddress + ":" + MappedPort
        + ", sent " + Sent + ", received " + Received + ", retransmissions " + Retransmissions + "): " + Message;
}
