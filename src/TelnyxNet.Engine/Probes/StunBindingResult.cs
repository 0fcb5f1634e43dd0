using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The result of STUN Binding requests to one server address (RFC 8489 §3): what this machine
/// looks like from outside, how fast, and, when it failed, exactly why and what to do.
/// Flat scalar properties, led by the columns every result shares (<see cref="IProbeResult"/>),
/// so that Export-Csv gives a useful sheet.
/// </summary>
public sealed class StunBindingResult : IProbeResult
{
    internal StunBindingResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The server host as given (name or address).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The server port.</summary>
    public int Port { get; internal set; }

    /// <summary>Udp, Tcp or Tls.</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when at least one request was answered with a mapped address; else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Why it failed (Timeout, Refused, Unreachable, DnsFailure, TlsFailure, ErrorResponse, ProtocolError); None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>The STUN error code when the server answered with an error response.</summary>
    public int? ErrorCode { get; internal set; }

    /// <summary>The server address that was tested (empty when the name did not resolve).</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's address used for the test.</summary>
    public string LocalAddress { get; internal set; } = string.Empty;

    /// <summary>This machine's port used for the test.</summary>
    public int? LocalPort { get; internal set; }

    /// <summary>The address the server saw (XOR-MAPPED-ADDRESS): the public address behind NAT.</summary>
    public string MappedAddress { get; internal set; } = string.Empty;

    /// <summary>The port the server saw.</summary>
    public int? MappedPort { get; internal set; }

    /// <summary>True when the mapped address or port differs from the local one: a NAT or firewall translates.</summary>
    public bool? BehindNat { get; internal set; }

    /// <summary>Average round-trip time of the answered requests, in milliseconds.</summary>
    public double? RoundTripTimeMs { get; internal set; }

    /// <summary>Fastest round trip, in milliseconds.</summary>
    public double? MinRoundTripTimeMs { get; internal set; }

    /// <summary>Slowest round trip, in milliseconds.</summary>
    public double? MaxRoundTripTimeMs { get; internal set; }

    /// <summary>Binding transactions started.</summary>
    public int Sent { get; internal set; }

    /// <summary>Binding transactions answered.</summary>
    public int Received { get; internal set; }

    /// <summary>UDP retransmissions needed in all (each one is a lost request or response).</summary>
    public int Retransmissions { get; internal set; }

    /// <summary>The server's SOFTWARE attribute.</summary>
    public string ServerSoftware { get; internal set; } = string.Empty;

    /// <summary>RESPONSE-ORIGIN (RFC 5780): where the server says it answered from.</summary>
    public string ResponseOrigin { get; internal set; } = string.Empty;

    /// <summary>OTHER-ADDRESS (RFC 5780): the server's alternate address; present when it supports NAT behaviour discovery.</summary>
    public string OtherAddress { get; internal set; } = string.Empty;

    /// <summary>The negotiated TLS version, for TLS.</summary>
    public string TlsProtocol { get; internal set; } = string.Empty;

    /// <summary>What happened, in one sentence.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it (empty on success).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the test started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        StunServerAddress.FormatHostPort(Server, Port) + "/" + Transport + " " + Status + (Outcome == ProbeStatus.Succeeded ? " " + StunServerAddress.FormatHostPort(MappedAddress, MappedPort ?? 0) : " " + FailureReason);
}
