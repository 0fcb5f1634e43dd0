using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>Everything Test-TelnyxFirewall needs: the rules, and what their probes need (credential, proxy, certificate trust, seams).</summary>
public sealed class FirewallOptions : ProbeOptions
{
    /// <summary>
    /// Options with the default bound of 10 s on the whole test: every rule is tested at once within
    /// it (the throttle admits the whole catalog, so an all-blocked network costs one timeout, not one per wave).
    /// </summary>
    public FirewallOptions()
        : base(TimeSpan.FromSeconds(10))
    {
        ThrottleLimit = MaxThrottleLimit;
    }

    /// <summary>The catalog rows to test; at least one (front ends pass <see cref="EndpointCatalog.Embedded"/> of one environment, or a -Catalog file).</summary>
    public IReadOnlyList<TelnyxEndpoint> Rules { get; init; } = Array.Empty<TelnyxEndpoint>();

    /// <summary>The TURN credential: a 401 challenge already proves a TURN rule; a credential that works proves more.</summary>
    public TurnCredential TurnCredential { get; init; } = TurnCredential.TelnyxDefault;

    /// <summary>An HTTP proxy for the WebSocket rules, whatever the system says; null to ask <see cref="ProxySource"/>.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>WebSocket rules connect directly, whatever the system or the environment says.</summary>
    public bool NoProxy { get; init; }

    /// <summary>The proxy's credential.</summary>
    public ProxyCredential? ProxyCredential { get; init; }

    /// <summary>Where the WebSocket rules' proxy comes from otherwise.</summary>
    public IProxySource ProxySource { get; init; } = SystemProxySource.Instance;

    /// <summary>Accept any certificate on WSS and TLS rules (the chain is still reported).</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Which chains the WebSocket rules trust and which roots are public.</summary>
    public CertificateTrust Trust { get; init; } = CertificateTrust.System;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Rules is null || Rules.Count == 0 || Rules.Any(r => r is null))
        {
            throw new ArgumentException("At least one rule is required.", nameof(Rules));
        }

        if (TurnCredential is null || ProxySource is null || Trust is null)
        {
            throw new ArgumentException("TurnCredential, ProxySource and Trust must not be null.");
        }

        if (Proxy != null && NoProxy)
        {
            throw new ArgumentException("A proxy and NoProxy exclude each other.", nameof(NoProxy));
        }
    }
}
