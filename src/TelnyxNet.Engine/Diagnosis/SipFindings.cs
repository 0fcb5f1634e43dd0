using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// Turns Test-TelnyxSip's results into the findings the verdict reads (<see cref="FindingCodes"/>,
/// sources "sip" and "dns"), one per server and problem, naming the server as the subject.
/// </summary>
public static class SipFindings
{
    /// <summary>The findings of <paramref name="results"/>, server by server in the order given.</summary>
    public static IReadOnlyList<Finding> From(IEnumerable<SipOptionsResult> results)
    {
        var findings = new List<Finding>();
        foreach (var server in (results ?? throw new ArgumentNullException(nameof(results))).GroupBy(r => r.Server, StringComparer.OrdinalIgnoreCase))
        {
            var all = server.ToList();
            var tried = all.Where(r => r.Outcome != ProbeStatus.Skipped && r.Reason != FailureReason.DnsFailure).ToList();
            if (tried.Count == 0 && all.Any(r => r.Reason == FailureReason.DnsFailure))
            {
                var failed = all.First(r => r.Reason == FailureReason.DnsFailure);
                findings.Add(FindingCodes.DnsFailure.With(server.Key + " did not resolve (" + failed.DnsFailure + "): " + failed.Message, server.Key, failed.Remediation));
                continue;
            }

            AddSipFindings(server.Key, tried, findings);
            AddDnsFindings(server.Key, all, findings);
        }

        return findings;
    }

    private static void AddSipFindings(string server, IReadOnlyList<SipOptionsResult> tried, List<Finding> findings)
    {
        bool Works(string transport) => tried.Any(r => r.Transport == transport && r.Outcome == ProbeStatus.Succeeded);
        bool Fails(string transport) => tried.Any(r => r.Transport == transport) && !Works(transport);
        if (tried.Count > 0 && !tried.Any(r => r.Outcome == ProbeStatus.Succeeded || r.Reason == FailureReason.ProxyUnavailable))
        {
            findings.Add(FindingCodes.SipUnreachable.With("No proxy of " + server + " answered over " + string.Join(", ", tried.Select(r => r.Transport).Distinct()) + " (" + string.Join(", ", tried.Select(r => r.FailureReason).Distinct()) + ").", server));
            return;
        }

        if (Fails("Udp") && (Works("Tcp") || Works("Tls")))
        {
            findings.Add(FindingCodes.SipUdpBlocked.With("SIP over UDP to " + server + " failed (" + string.Join(", ", tried.Where(r => r.Transport == "Udp").Select(r => r.FailureReason).Distinct()) + ") while " + (Works("Tls") ? "TLS" : "TCP") + " answered.", server));
        }

        if (Fails("Tls") && (Works("Udp") || Works("Tcp")))
        {
            findings.Add(FindingCodes.SipTlsBlocked.With("SIP over TLS to " + server + " failed (" + string.Join(", ", tried.Where(r => r.Transport == "Tls").Select(r => r.FailureReason).Distinct()) + ") while other transports answered.", server));
        }

        var alg = tried.Where(r => r.AlgSuspected == true).ToList();
        if (alg.Count > 0)
        {
            findings.Add(FindingCodes.SipAlgDetected.With("Something on the path rewrites SIP to " + server + " over " + string.Join(", ", alg.Select(r => r.Transport).Distinct()) + ": " + alg[0].AlgEvidence.FirstOrDefault(), server));
        }

        var unavailable = tried.Where(r => r.Reason == FailureReason.ProxyUnavailable).ToList();
        if (unavailable.Count > 0)
        {
            findings.Add(FindingCodes.SipProxyUnavailable.With(string.Join(", ", unavailable.Select(r => r.RemoteAddress + " answered " + r.StatusCode).Distinct()) + ".", server));
        }

        var partial = tried.GroupBy(r => r.Transport).Where(g => Works(g.Key) && g.Any(r => r.Outcome == ProbeStatus.Failed && r.Reason != FailureReason.ProxyUnavailable)).ToList();
        if (partial.Count > 0)
        {
            findings.Add(FindingCodes.SipRedundancyLost.With("Over " + string.Join(", ", partial.Select(g => g.Key)) + ", " + string.Join(", ", partial.SelectMany(g => g.Where(r => r.Outcome == ProbeStatus.Failed)).Select(r => r.RemoteAddress).Distinct()) + " did not answer while another address of " + server + " did.", server));
        }
    }

    private static void AddDnsFindings(string server, IReadOnlyList<SipOptionsResult> all, List<Finding> findings)
    {
        var silent = all.SelectMany(r => r.Resolution)
            .Where(s => s.Outcome == nameof(DnsFailureKind.None) || s.Outcome == nameof(DnsFailureKind.NoRecords) || s.Outcome == nameof(DnsFailureKind.NameNotFound))
            .SelectMany(s => s.Attempts)
            .Where(a => a.Contains(" " + nameof(DnsFailureKind.Timeout) + ":") || a.Contains(" " + nameof(DnsFailureKind.Unreachable) + ":"))
            .Select(a => a.Substring(0, a.IndexOf(' ')))
            .Distinct()
            .ToList();
        if (silent.Count > 0)
        {
            findings.Add(FindingCodes.DnsResolverUnresponsive.With("The resolver(s) " + string.Join(", ", silent) + " did not answer while resolving " + server + "; another one did.", string.Join(", ", silent)));
        }

        var tested = all.Where(r => r.ResolvedBy.Length > 0).ToList();
        if (tested.Count > 0 && tested.All(r => r.ResolvedBy == "A") && all.Any(r => r.Resolution.Any(s => s.Query.StartsWith("NAPTR ", StringComparison.Ordinal))))
        {
            findings.Add(FindingCodes.DnsSipRecordsMissing.With(server + " resolved through A/AAAA only: no NAPTR or SRV records came back.", server));
        }
    }
}
