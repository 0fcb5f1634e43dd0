using TelnyxNet.Engine.Signaling;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one signaling test needs; built by the cmdlet, the CLI or the firewall test, read by <see cref="SignalingProbe"/>.</summary>
public sealed class SignalingOptions : ProbeOptions
{
    /// <summary>The longest hold.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromHours(1);

    /// <summary>
    /// Options with the default timeout of 10 s (the SDK's request timeout) for setting the
    /// connection up (DNS, TCP, proxy, TLS, upgrade); the hold, the last Pong and the closing
    /// handshake come on top.
    /// </summary>
    public SignalingOptions()
        : base(TimeSpan.FromSeconds(10))
    {
    }

    /// <summary>Options that take the shared settings of <paramref name="shared"/> (see <see cref="ProbeOptions(ProbeOptions)"/>) and this probe's defaults for the rest.</summary>
    internal SignalingOptions(ProbeOptions shared)
        : base(shared)
    {
    }

    /// <summary>The WebSocket URIs; at least one. Front ends that test Telnyx pass <see cref="SignalingTarget.Telnyx"/>.</summary>
    public IReadOnlyList<SignalingTarget> Targets { get; init; } = Array.Empty<SignalingTarget>();

    /// <summary>An HTTP proxy to use whatever the system says (<see cref="ProxyAddress"/>); null to ask <see cref="ProxySource"/>.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Connect directly, whatever the system or the environment says.</summary>
    public bool NoProxy { get; init; }

    /// <summary>The proxy's credential (Basic); a proxy URI's own user information is used when this is null.</summary>
    public ProxyCredential? ProxyCredential { get; init; }

    /// <summary>Where the proxy comes from when neither <see cref="Proxy"/> nor <see cref="NoProxy"/> decides: the environment, then the system settings.</summary>
    public IProxySource ProxySource { get; init; } = SystemProxySource.Instance;

    /// <summary>How long to hold the WebSocket open after the upgrade (0 to 1 hour; default 10 s): a Ping at the start, silence, a Ping at the end.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Ping this often during the hold as well (zero, the default: only at the start and the end, so that idle timeouts show).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.Zero;

    /// <summary>How long a Ping waits for its Pong (default 5 s).</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the closing handshake waits for the server's Close (default 2 s).</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Accept any certificate; the chain is still reported, and the result says the check was skipped.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Which chains are trusted and which roots are public (TLS inspection): the machine's own by default.</summary>
    public CertificateTrust Trust { get; init; } = CertificateTrust.System;

    /// <summary>A subprotocol to ask for (Sec-WebSocket-Protocol), e.g. <c>sip</c> for SIP over WebSocket (RFC 7118); empty for none, as the Telnyx SDK.</summary>
    public string SubProtocol { get; init; } = string.Empty;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Targets is null || Targets.Count == 0)
        {
            throw new ArgumentException("At least one WebSocket URI is required.", nameof(Targets));
        }

        if (Hold < TimeSpan.Zero || Hold > MaxHold)
        {
            throw new ArgumentOutOfRangeException(nameof(Hold), Hold, "The hold must be 0 to 1 hour.");
        }

        if (PingInterval < TimeSpan.Zero || PingInterval > MaxHold)
        {
            throw new ArgumentOutOfRangeException(nameof(PingInterval), PingInterval, "The ping interval must be 0 to 1 hour.");
        }

        if (PongTimeout <= TimeSpan.Zero || PongTimeout > TimeSpan.FromMinutes(1) || CloseTimeout <= TimeSpan.Zero || CloseTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PongTimeout), "The Pong and Close timeouts must be above zero and at most 1 minute.");
        }

        if (Proxy != null && NoProxy)
        {
            throw new ArgumentException("A proxy and NoProxy exclude each other.", nameof(NoProxy));
        }

        if (ProxySource is null || Trust is null || SubProtocol is null)
        {
            throw new ArgumentException("ProxySource, Trust and SubProtocol must not be null.");
        }
    }
}
