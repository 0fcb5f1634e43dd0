using System.Collections.Concurrent;
using System.Net.Security;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The signaling probe's TLS inspection classifier (<see cref="CertificateTrust.Evaluate"/>: CA names
/// of inspection products, roots no public program holds) for a firewall rule over TLS that another
/// probe proves (STUN or TURN over TLS): it watches every certificate check of the rule's probe, and
/// an address whose TLS was re-signed on the path is then Intercepted (with the product) instead of a
/// plain TLS failure, or instead of Allowed when the inspector's CA is trusted.
/// </summary>
internal sealed class TlsInspectionWitness
{
    private readonly CertificateTrust _trust;
    private readonly string _host;
    private readonly RemoteCertificateValidationCallback? _decide;
    private readonly ConcurrentQueue<TlsReport> _reports = new();

    /// <summary>Classifies with <paramref name="trust"/> for <paramref name="host"/>; <paramref name="decide"/> (the rule's own check) accepts or refuses, else the trust does.</summary>
    public TlsInspectionWitness(CertificateTrust trust, string host, RemoteCertificateValidationCallback? decide)
    {
        _trust = trust;
        _host = host;
        _decide = decide;
    }

    /// <summary>The certificate check for the rule's probe over <paramref name="transport"/>: null (none) unless TLS.</summary>
    public RemoteCertificateValidationCallback? Validator(TransportProtocol transport) =>
        transport != TransportProtocol.Tls ? _decide : (sender, certificate, chain, errors) =>
        {
            var report = _trust.Evaluate(certificate, chain, errors, _host);
            _reports.Enqueue(report);
            return _decide != null ? _decide(sender, certificate, chain, errors) : report.Trusted;
        };

    /// <summary>
    /// <paramref name="seen"/> as the inspection makes it: a TLS failure or a success through a chain
    /// re-signed on the path is Intercepted (TlsIntercepted), naming the product its CAs point to.
    /// </summary>
    public RuleProbes.Seen Judge(RuleProbes.Seen seen)
    {
        var intercepted = _reports.FirstOrDefault(r => r.Intercepted == true);
        if (intercepted is null || (seen.Reason != FailureReason.TlsFailure && seen.Reason != FailureReason.None))
        {
            return seen;
        }

        var by = intercepted.Product is { Length: > 0 } product ? product : "a CA that is no public root (" + intercepted.Root + ")";
        var evidence = "TLS re-signed on the path by " + by + " (issuer " + intercepted.Issuer + (intercepted.RootThumbprint.Length > 0 ? ", root thumbprint " + intercepted.RootThumbprint : string.Empty) + "). " + seen.Evidence;
        return new RuleProbes.Seen(seen.Address, seen.Reason == FailureReason.None ? FailureReason.TlsIntercepted : seen.Reason, evidence, seen.ResponseTimeMs, seen.Remediation, true, intercepted.Product ?? string.Empty);
    }
}
