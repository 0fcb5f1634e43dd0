using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Probes;

/// <summary>Everything one NAT behaviour discovery needs; built by the cmdlet or the CLI, read by <see cref="NatBehaviorProbe"/>.</summary>
public sealed class NatBehaviorOptions : ProbeOptions
{
    /// <summary>Options with the default timeout of 5 s.</summary>
    public NatBehaviorOptions()
        : base(TimeSpan.FromSeconds(5))
    {
    }

    /// <summary>
    /// The STUN servers (UDP), at least one: the first is asked for RFC 5780 (OTHER-ADDRESS); the
    /// second is the other destination of the two-server comparison when it gives none. Front ends
    /// pass <see cref="TelnyxEndpoints.DefaultStunServers"/> (stun.telnyx.com, stun.l.google.com) by default.
    /// </summary>
    public IReadOnlyList<StunServerAddress> Servers { get; init; } = Array.Empty<StunServerAddress>();

    /// <summary>How long a test whose answer the NAT may filter out (filtering, hairpinning, lifetime) waits for it, retransmitting. Default 2 s.</summary>
    public TimeSpan FilteringTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Also measure how long an idle mapping lives (RFC 5780 §4.6, RESPONSE-PORT), up to <see cref="LifetimeLimit"/>.</summary>
    public bool MeasureLifetime { get; init; }

    /// <summary>The longest idle time tried with <see cref="MeasureLifetime"/> (1 s to 10 min; default 60 s); the test takes that long on top of <see cref="ProbeOptions.Timeout"/>.</summary>
    public TimeSpan LifetimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Servers is null || Servers.Count == 0)
        {
            throw new ArgumentException("At least one server is required.", nameof(Servers));
        }

        if (Servers.Any(s => s.Transport != TransportProtocol.Udp))
        {
            throw new ArgumentException("NAT behaviour is tested over UDP only; every server must be UDP.", nameof(Servers));
        }

        if (FilteringTimeout <= TimeSpan.Zero || FilteringTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(FilteringTimeout), FilteringTimeout, "The filtering timeout must be above zero and at most 1 minute.");
        }

        if (LifetimeLimit < TimeSpan.FromSeconds(1) || LifetimeLimit > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(LifetimeLimit), LifetimeLimit, "The lifetime limit must be 1 s to 10 minutes.");
        }
    }
}
