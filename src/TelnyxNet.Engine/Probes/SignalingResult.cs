using TelnyxNet.Engine.Diagnosis;

namespace TelnyxNet.Engine.Probes;

/// <summary>
/// The result of the WebRTC signaling test against one WebSocket URI and address: each step of the
/// path (DNS, proxy, TCP, TLS, the RFC 6455 upgrade, the held connection) with its time and, when
/// one failed, exactly which and why. Flat scalar properties, led by the columns every result
/// shares (<see cref="IProbeResult"/>), so that Export-Csv gives a useful sheet.
/// </summary>
public sealed class SignalingResult : IProbeResult
{
    internal SignalingResult()
    {
    }

    /// <inheritdoc />
    public string ComputerName { get; internal set; } = ThisMachine.Name;

    /// <summary>The server host as given (name or address).</summary>
    public string Server { get; internal set; } = string.Empty;

    /// <summary>The server port.</summary>
    public int Port { get; internal set; }

    /// <summary>Wss (WebSocket over TLS) or Ws (plain WebSocket).</summary>
    public string Transport { get; internal set; } = string.Empty;

    /// <summary>Succeeded when the WebSocket opened, was held and answered; else Failed.</summary>
    public string Status => Outcome.ToString();

    /// <summary>Which step failed: DnsFailure, Timeout, Refused, Unreachable, ProxyAuthenticationRequired, ProxyRefused, TlsFailure, TlsIntercepted, UpgradeRejected, ClosedEarly, ProtocolError; None on success.</summary>
    public string FailureReason => Reason.ToString();

    /// <summary>The WebSocket URI tested.</summary>
    public string Uri { get; internal set; } = string.Empty;

    /// <summary>The HTTP proxy the connection went through (<c>http://host:port</c>, never its password); empty when direct.</summary>
    public string ProxyUsed { get; internal set; } = string.Empty;

    /// <summary>Where the proxy choice came from: None, Parameter, Disabled, Environment, EnvironmentBypass or System.</summary>
    public string ProxySource { get; internal set; } = string.Empty;

    /// <summary>The address connected to: the server's, or the proxy's (empty when it did not resolve).</summary>
    public string RemoteAddress { get; internal set; } = string.Empty;

    /// <summary>Milliseconds for the TCP connection (to the server, or to the proxy).</summary>
    public double? ConnectMs { get; internal set; }

    /// <summary>Milliseconds for the proxy's CONNECT answer (through a proxy only).</summary>
    public double? TunnelMs { get; internal set; }

    /// <summary>Milliseconds for the TLS handshake (wss only).</summary>
    public double? TlsMs { get; internal set; }

    /// <summary>Milliseconds from the upgrade request to the server's answer.</summary>
    public double? UpgradeMs { get; internal set; }

    /// <summary>The HTTP status that decided: the upgrade's (101 when it worked), or the proxy's CONNECT status when the proxy refused.</summary>
    public int? HttpStatusCode { get; internal set; }

    /// <summary>Who answered, as its Via and Server fields name it: a proxy that answered for the server shows here.</summary>
    public string AnsweredBy { get; internal set; } = string.Empty;

    /// <summary>The negotiated TLS version.</summary>
    public string TlsProtocol { get; internal set; } = string.Empty;

    /// <summary>The negotiated bulk cipher (and its strength in bits).</summary>
    public string TlsCipher { get; internal set; } = string.Empty;

    /// <summary>The subject of the certificate presented.</summary>
    public string CertificateSubject { get; internal set; } = string.Empty;

    /// <summary>Its issuer.</summary>
    public string CertificateIssuer { get; internal set; } = string.Empty;

    /// <summary>The subject of the root the chain ends in (empty when the chain reached no root).</summary>
    public string CertificateRoot { get; internal set; } = string.Empty;

    /// <summary>The SHA-1 thumbprint of that root, to find it in a certificate store.</summary>
    public string CertificateRootThumbprint { get; internal set; } = string.Empty;

    /// <summary>When the server's certificate expires (UTC).</summary>
    public DateTimeOffset? CertificateExpires { get; internal set; }

    /// <summary>True when the certificate check was turned off (-SkipCertificateCheck): the chain was reported, not enforced.</summary>
    public bool CertificateCheckSkipped { get; internal set; }

    /// <summary>True when the certificate was re-signed on the path (TLS inspection); false when its root is a public CA's; empty when it cannot be told.</summary>
    public bool? TlsIntercepted { get; internal set; }

    /// <summary>The TLS inspection product the chain names (Zscaler, Palo Alto Networks, Fortinet FortiGate, …), when it names one.</summary>
    public string InterceptionProduct { get; internal set; } = string.Empty;

    /// <summary>The average round trip of the Pings answered, in milliseconds.</summary>
    public double? PingRoundTripMs { get; internal set; }

    /// <summary>How many Pings were sent.</summary>
    public int PingsSent { get; internal set; }

    /// <summary>How many Pings the server answered with a Pong.</summary>
    public int PingsAnswered { get; internal set; }

    /// <summary>How long the WebSocket stayed open, in seconds (up to the hold, or to an early close).</summary>
    public double? HeldSeconds { get; internal set; }

    /// <summary>The close code: the server's answer to the closing handshake (1000), or its own Close when it closed early; 1006 when the connection ended without a Close frame.</summary>
    public int? CloseCode { get; internal set; }

    /// <summary>The reason text of the server's Close frame.</summary>
    public string CloseReason { get; internal set; } = string.Empty;

    /// <summary>Data messages the server sent while the socket was open (Telnyx sends none before the SDK logs in).</summary>
    public int MessagesReceived { get; internal set; }

    /// <summary>The certificate chain's subjects, server first, separated by " &lt;- ".</summary>
    public string CertificateChain { get; internal set; } = string.Empty;

    /// <summary>What happened, in a sentence or two, naming the step.</summary>
    public string Message { get; internal set; } = string.Empty;

    /// <summary>What to do about it, naming the culprit (empty on success).</summary>
    public string Remediation { get; internal set; } = string.Empty;

    /// <summary>When the test started (UTC).</summary>
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The status as the engine's enum.</summary>
    internal ProbeStatus Outcome { get; set; }

    /// <summary>The failure reason as the engine's enum.</summary>
    internal Diagnosis.FailureReason Reason { get; set; }

    /// <inheritdoc />
    public override string ToString() => Uri + " " + Status + (Outcome == ProbeStatus.Succeeded ? string.Empty : " " + FailureReason);
}
