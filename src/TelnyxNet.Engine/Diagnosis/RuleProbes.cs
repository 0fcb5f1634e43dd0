using System.Globalization;
using System.Net.Security;
using TelnyxNet.Engine.Probes;
using TelnyxNet.Engine.Signaling;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;
using TelnyxNet.Engine.Turn;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// The probes of <see cref="FirewallProbers"/>, each the engine's own probe run for one rule with
/// the firewall test's bound and seams: a STUN Binding proves a STUN rule; a TURN Allocate proves a
/// TURN rule (a 401 challenge with REALM and NONCE already does; a credential that works proves
/// more); a WebSocket opened, pinged and closed proves a WSS rule; a final answer to SIP OPTIONS
/// proves a SIP rule over UDP, TCP or TLS.
/// </summary>
internal static class RuleProbes
{
    /// <summary>What a probe's failure reason says about the rule; reasons not listed mean Failed.</summary>
    private static readonly IReadOnlyDictionary<FailureReason, FirewallVerdict> Verdicts = new Dictionary<FailureReason, FirewallVerdict>
    {
        [FailureReason.None] = FirewallVerdict.Allowed,
        [FailureReason.Timeout] = FirewallVerdict.Blocked,
        [FailureReason.Refused] = FirewallVerdict.Rejected,
        [FailureReason.Unreachable] = FirewallVerdict.Rejected,
        [FailureReason.DnsFailure] = FirewallVerdict.DnsFailure,
        [FailureReason.TlsIntercepted] = FirewallVerdict.Intercepted,
        [FailureReason.ProxyAuthenticationRequired] = FirewallVerdict.Blocked,
        [FailureReason.ProxyRefused] = FirewallVerdict.Blocked,
        [FailureReason.UpgradeRejected] = FirewallVerdict.Blocked,
    };

    /// <summary>Which failing verdict speaks for a rule whose addresses failed differently: the most telling first.</summary>
    private static readonly FirewallVerdict[] Precedence =
    {
        FirewallVerdict.Intercepted, FirewallVerdict.Rejected, FirewallVerdict.Blocked, FirewallVerdict.Failed, FirewallVerdict.DnsFailure,
    };

    public static async Task<RuleEvidence> StunAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken)
    {
        var transport = Transport(rule);
        var inspection = new TlsInspectionWitness(options.Trust, rule.Host, Validation(rule, options));
        var results = await StunBindingProbe.RunAsync(
            new StunBindingOptions(options)
            {
                Servers = new[] { StunServerAddress.Create(rule.Host, rule.FirstPort, transport) },
                CertificateValidation = inspection.Validator(transport),
            },
            log,
            null,
            cancellationToken).ConfigureAwait(false);

        // An error response is an answer: the server is reachable.
        return Combine(results.Select(r => inspection.Judge(new Seen(
            r.RemoteAddress,
            r.Reason == FailureReason.ErrorResponse ? FailureReason.None : r.Reason,
            r.Outcome == ProbeStatus.Succeeded ? "STUN Binding answered in " + Ms(r.RoundTripTimeMs) + " ms (mapped to " + StunServerAddress.FormatHostPort(r.MappedAddress, r.MappedPort ?? 0) + ")."
                : r.Reason == FailureReason.ErrorResponse ? "The server answered the Binding with STUN error " + r.ErrorCode + ": it is reachable." : r.Message,
            r.RoundTripTimeMs,
            r.Remediation,
            false))).ToList());
    }

    public static async Task<RuleEvidence> TurnAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken)
    {
        var inspection = new TlsInspectionWitness(options.Trust, rule.Host, Validation(rule, options));
        var results = await TurnAllocationProbe.RunAsync(
            new TurnAllocationOptions(options)
            {
                Servers = new[] { TurnServerAddress.Create(rule.Host, rule.FirstPort, Transport(rule)) },
                Credential = options.TurnCredential,
                SkipRelayCheck = true,
                CertificateValidation = inspection.Validator(Transport(rule)),
            },
            log,
            null,
            cancellationToken).ConfigureAwait(false);

        // Any STUN answer (a 401 challenge with REALM and NONCE, an error) proves the path: the rule is open.
        return Combine(results.Select(r => inspection.Judge(new Seen(
            r.RemoteAddress,
            r.Outcome == ProbeStatus.Succeeded || r.ServerReachable ? FailureReason.None : r.Reason,
            r.Outcome == ProbeStatus.Succeeded ? "TURN Allocate granted a relay in " + Ms(r.AllocateTimeMs) + " ms with the " + r.CredentialSource + " credential" + (r.Deallocated == true ? ", deleted again." : ".")
                : r.ServerReachable ? "The server answered the Allocate" + (r.Realm.Length > 0 ? " with a challenge for realm '" + r.Realm + "'" : string.Empty) + ": it is reachable (the allocation itself failed: " + r.FailureReason + ")."
                : r.Message,
            r.AllocateTimeMs,
            r.Remediation,
            false))).ToList());
    }

    public static async Task<RuleEvidence> SipAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken)
    {
        var results = await SipOptionsProbe.ProveRuleAsync(
            rule.Host,
            rule.FirstPort,
            Transport(rule),
            new SipOptionsOptions(options) { CertificateValidation = Validation(rule, options) },
            log,
            cancellationToken).ConfigureAwait(false);

        // Any final SIP response proves the path; 408/480/503/504 (ProxyUnavailable) too: the proxy answered.
        return Combine(results.Select(r => new Seen(
            r.RemoteAddress,
            r.Reason == FailureReason.ProxyUnavailable ? FailureReason.None : r.Reason,
            r.StatusCode is int code ? "SIP OPTIONS answered " + code.ToString(CultureInfo.InvariantCulture) + " " + r.ReasonPhrase + " in " + Ms(r.RoundTripTimeMs) + " ms" + (r.Reason == FailureReason.ProxyUnavailable ? ": reachable, though not serving now." : ".") : r.Message,
            r.RoundTripTimeMs,
            r.Remediation,
            false)).ToList());
    }

    public static Task<RuleEvidence> WebSocketAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken) =>
        OpenAsync(rule, options, string.Empty, log, cancellationToken);

    public static Task<RuleEvidence> SipWebSocketAsync(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken) =>
        OpenAsync(rule, options, "sip", log, cancellationToken);

    /// <summary>Opens the WebSocket, answers one Ping and closes: no hold, so that the rule costs about one set-up.</summary>
    private static async Task<RuleEvidence> OpenAsync(TelnyxEndpoint rule, FirewallOptions options, string subProtocol, IEngineLog log, CancellationToken cancellationToken)
    {
        var results = await SignalingProbe.RunAsync(
            new SignalingOptions(options)
            {
                Targets = new[] { SignalingTarget.Create(rule.Host, rule.FirstPort) },
                Hold = TimeSpan.Zero,
                PongTimeout = TimeSpan.FromSeconds(2),
                CloseTimeout = TimeSpan.FromSeconds(1),
                SubProtocol = subProtocol,
                Proxy = options.Proxy,
                NoProxy = options.NoProxy,
                ProxyCredential = options.ProxyCredential,
                ProxySource = options.ProxySource,
                SkipCertificateCheck = options.SkipCertificateCheck,
                Trust = options.Trust,
            },
            log,
            null,
            cancellationToken).ConfigureAwait(false);
        return Combine(results.Select(r => new Seen(
            r.RemoteAddress,
            r.Reason == FailureReason.TlsFailure && r.TlsIntercepted == true ? FailureReason.TlsIntercepted : r.Reason,
            r.Outcome == ProbeStatus.Succeeded
                ? "WebSocket opened" + (r.ProxyUsed.Length > 0 ? " through the proxy " + r.ProxyUsed : string.Empty) + " in " + Ms(OpenTime(r)) + " ms" + (r.PingsAnswered > 0 ? ", Ping answered in " + Ms(r.PingRoundTripMs) + " ms" : string.Empty) + "."
                : r.Message,
            r.Outcome == ProbeStatus.Succeeded || r.UpgradeMs != null ? OpenTime(r) : null,
            r.Remediation,
            r.TlsIntercepted == true,
            r.InterceptionProduct)).ToList());
    }

    /// <summary>One rule's addresses together: Allowed when any address passed, else the most telling failure.</summary>
    private static RuleEvidence Combine(IReadOnlyList<Seen> seen)
    {
        var verdicts = seen.Select(s => s.Reason == FailureReason.TlsFailure && s.Intercepted ? FirewallVerdict.Intercepted : Verdicts.TryGetValue(s.Reason, out var v) ? v : FirewallVerdict.Failed).ToList();
        var index = verdicts.IndexOf(FirewallVerdict.Allowed);
        if (index < 0)
        {
            index = Precedence.Select(p => verdicts.IndexOf(p)).First(i => i >= 0);
        }

        var decisive = seen[index];
        var evidence = seen.Count == 1
            ? decisive.Evidence
            : string.Join(" | ", seen.Select(s => (s.Address.Length > 0 ? s.Address + ": " : string.Empty) + s.Evidence));
        return new RuleEvidence(verdicts[index], decisive.Reason, evidence, string.Join(", ", seen.Select(s => s.Address).Where(a => a.Length > 0)), decisive.ResponseTimeMs, decisive.Remediation, seen.Select(s => s.Product).FirstOrDefault(p => p.Length > 0) ?? string.Empty);
    }

    private static TransportProtocol Transport(TelnyxEndpoint rule) => rule.ProtocolKind switch
    {
        EndpointProtocol.Udp => TransportProtocol.Udp,
        EndpointProtocol.Tcp => TransportProtocol.Tcp,
        _ => TransportProtocol.Tls,
    };

    /// <summary>The certificate check of TLS rules: the options' own, or the firewall test's trust (skipped with SkipCertificateCheck).</summary>
    private static RemoteCertificateValidationCallback? Validation(TelnyxEndpoint rule, FirewallOptions options) =>
        rule.ProtocolKind != EndpointProtocol.Tls ? null
        : options.SkipCertificateCheck ? (_, _, _, _) => true
        : options.CertificateValidation ?? options.Trust.Validator(rule.Host);

    private static double? OpenTime(SignalingResult r) =>
        r.ConnectMs is null ? null : Math.Round((r.ConnectMs ?? 0) + (r.TunnelMs ?? 0) + (r.TlsMs ?? 0) + (r.UpgradeMs ?? 0), 3);

    private static string Ms(double? ms) => (ms ?? 0).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>What the probe saw at one address.</summary>
    internal sealed class Seen
    {
        public Seen(string address, FailureReason reason, string evidence, double? responseTimeMs, string remediation, bool intercepted, string product = "")
        {
            Address = address;
            Reason = reason;
            Evidence = evidence;
            ResponseTimeMs = responseTimeMs;
            Remediation = remediation;
            Intercepted = intercepted;
            Product = product;
        }

        public string Address { get; }

        public FailureReason Reason { get; }

        public string Evidence { get; }

        public double? ResponseTimeMs { get; }

        public string Remediation { get; }

        public bool Intercepted { get; }

        public string Product { get; }
    }
}
