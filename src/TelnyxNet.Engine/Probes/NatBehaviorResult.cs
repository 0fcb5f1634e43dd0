using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Nat;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// What kind of NAT stands between this machine and a STUN server: the public address, the
/// mapping behaviour (RFC 4787 §4.1), the filtering behaviour (§5), hairpinning (§6), whether the
/// port is preserved and, on request, how long an idle mapping lives; with the tests that were
/// run and what each saw (<see cref="Evidence"/>). Never a guess: what could not be told is
/// Inconclusive or Unknown, and the evidence says why.
/// </summary>
public sealed class NatBehaviorResult : IProbeResult
{
    internal NatBehaviorResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The primary STUN server as given.</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>Its port.</summary>
    public int Port { get; internal set; }

    /// <summary>Udp: NAT behaviour is a UDP matter.</summary>
    public string Transport { get; internal set; } = "Udp";

    /// <summary>Succeeded when the primary server answered test I (the behaviours may still be Inconclusive or Unknown); else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Why test I failed (Timeout, Refused, Unreachable, DnsFailure, ErrorResponse, ProtocolError); None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>The public address the server saw (the NAT's).</summary>
    public string PublicAddress { get; internal set; } = string.Empty;

    /// <summary>The public port the server saw.</summary>
    public int? PublicPort { get; internal set; }

    /// <summary>This machine's address used for the tests.</summary>
    public string LocalAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port used for the mapping tests.</summary>
    public int? LocalPort { get; internal set; }

    /// <summary>NoNat, EndpointIndependent, AddressDependent, AddressAndPortDependent or Inconclusive.</summary>
    public string MappingBehavior => Mapping.ToString();

    /// <summary>EndpointIndependent, AddressDependent, AddressAndPortDependent or Unknown.</summary>
    public string FilteringBehavior => Filtering.ToString();

    /// <summary>True when the mapped address or port differed between destinations (tailscale's MappingVariesByDestIP); empty when untested.</summary>
    public bool? MappingVariesByDestination { get; internal set; }

    /// <summary>True when a packet to the public address from behind the same NAT came back in; empty when there is no NAT or it was untested.</summary>
    public bool? Hairpinning { get; internal set; }

    /// <summary>True when the public port equals the local port.</summary>
    public bool? PortPreserved { get; internal set; }

    /// <summary>With -MeasureLifetime: the longest idle time, in seconds, after which the mapping still let the server's answer in; empty when not measured or none did.</summary>
    public double? BindingLifetimeSeconds { get; internal set; }

    /// <summary>Rfc5780 (the server gave OTHER-ADDRESS) or TwoServerComparison.</summary>
    public string Method => MethodValue.ToString();

    /// <summary>The server's OTHER-ADDRESS (RFC 5780 §7.4), when it gave one.</summary>
    public string OtherAddress { get; internal set; } = string.Empty;

    /// <summary>The findings' codes, comma-separated, for CSV sheets.</summary>
    public string FindingCodes => string.Join(", ", Findings.Select(f => f.Code));

    /// <summary>The tests run and what each saw, in order.</summary>
    public IReadOnlyList<NatEvidence> Evidence { get; internal set; } = Array.Empty<NatEvidence>();

    /// <summary>The NAT findings (nat_symmetric, nat_no_hairpinning, nat_short_binding_lifetime, nat_inconclusive).</summary>
    public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

    /// <summary>What was found, in a sentence or two.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it (empty when nothing needs doing).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the tests started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    internal ProbeStatus Outcome { get; set; }

    internal Diagnosis.FailureReason Reason { get; set; }

    internal NatMappingBehavior Mapping { get; set; }

    internal NatFilteringBehavior Filtering { get; set; }

    internal NatMethod MethodValue { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        StunServerAddress.FormatHostPort(Server, Port) + " " + Status + (Outcome == ProbeStatus.Succeeded ? " mapping " + MappingBehavior + ", filtering " + FilteringBehavior : " " + FailureReason);
}
