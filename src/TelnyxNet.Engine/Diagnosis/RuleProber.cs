namespace TelnyxNet.Engine.Diagnosis;

/// <summary>What a probe found about one rule, all of its host's addresses taken together.</summary>
internal sealed class RuleEvidence
{
    public RuleEvidence(FirewallVerdict verdict, FailureReason reason, string evidence, string remoteAddress, double? responseTimeMs, string remediation, string product)
    {
        Verdict = verdict;
        Reason = reason;
        Evidence = evidence;
        RemoteAddress = remoteAddress;
        ResponseTimeMs = responseTimeMs;
        Remediation = remediation;
        Product = product;
    }

    public FirewallVerdict Verdict { get; }

    public FailureReason Reason { get; }

    public string Evidence { get; }

    public string RemoteAddress { get; }

    public double? ResponseTimeMs { get; }

    /// <summary>The probe's own advice, used where the verdict alone does not say what to ask for (a proxy, a broken service).</summary>
    public string Remediation { get; }

    /// <summary>The TLS inspection product seen, if any.</summary>
    public string Product { get; }
}

/// <summary>Runs the probe that proves a rule, within the options' bound.</summary>
internal delegate Task<RuleEvidence> RuleProbe(TelnyxEndpoint rule, FirewallOptions options, IEngineLog log, CancellationToken cancellationToken);

/// <summary>One line of the prober table: the rules it proves (a service over some protocols), its name, and the probe.</summary>
internal sealed class RuleProber
{
    public RuleProber(EndpointService service, IReadOnlyCollection<EndpointProtocol> protocols, string probe, RuleProbe run)
    {
        Service = service;
        Protocols = protocols;
        Probe = probe;
        Run = run;
    }

    public EndpointService Service { get; }

    public IReadOnlyCollection<EndpointProtocol> Protocols { get; }

    /// <summary>The probe's name, as the result's Probe column shows it.</summary>
    public string Probe { get; }

    public RuleProbe Run { get; }

    public bool Proves(TelnyxEndpoint rule) => rule.ServiceKind == Service && Protocols.Contains(rule.ProtocolKind);
}
