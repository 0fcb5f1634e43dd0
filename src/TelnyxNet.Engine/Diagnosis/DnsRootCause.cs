using System.Net;
using TelnyxNet.Engine.Ice;
using TelnyxNet.Engine.Stun;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// A broken resolver shows in every part as a wall of failures; the readiness check reports it
/// once: one <c>dns_failure</c> naming the names that did not resolve, the resolvers asked, and the
/// parts that could not be tested because of it. The parts' own findings about those names are
/// left out (<see cref="Explains"/>): their only cause is the name.
/// </summary>
internal sealed class DnsRootCause
{
    private readonly List<(string Host, string Part, string Message)> _failures = new();

    private DnsRootCause()
    {
    }

    /// <summary>The names that did not resolve, in the order first seen.</summary>
    public IReadOnlyList<string> Hosts => _failures.Select(f => f.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The DNS failures of every part of <paramref name="report"/>.</summary>
    public static DnsRootCause Of(TelnyxReadinessReport report)
    {
        var cause = new DnsRootCause();
        cause.AddAll("signaling", report.Signaling, r => r.Reason == FailureReason.DnsFailure, r => r.Server, r => r.Message);
        cause.AddAll("STUN", report.Stun, r => r.Reason == FailureReason.DnsFailure, r => r.Server, r => r.Message);
        cause.AddAll("TURN", report.Turn, r => r.Reason == FailureReason.DnsFailure, r => r.Server, r => r.Message);
        cause.AddAll("ICE", report.Ice?.Servers ?? Array.Empty<IceServerReport>(), s => s.Failures.Any(f => f.Reason == FailureReason.DnsFailure), HostOf, s => s.Failures.First(f => f.Reason == FailureReason.DnsFailure).Message);
        cause.AddAll("NAT behaviour", report.Nat is null ? Array.Empty<Probes.NatBehaviorResult>() : new[] { report.Nat }, r => r.Reason == FailureReason.DnsFailure, r => r.Server, r => r.Message);
        cause.AddAll("SIP", report.Sip, r => r.Reason == FailureReason.DnsFailure, r => r.Server, r => r.Message);
        cause.AddAll("firewall rules", report.Firewall, r => r.VerdictKind == FirewallVerdict.DnsFailure, r => r.Server, r => r.Message);
        return cause;
    }

    /// <summary>True when the ICE server report failed only because its name did not resolve.</summary>
    public bool Explains(IceServerReport server) => server.Failures.Count > 0 && server.Failures.All(f => f.Reason == FailureReason.DnsFailure);

    /// <summary>The one finding, or null when every name resolved.</summary>
    public Finding? Finding(IReadOnlyList<IPEndPoint> resolvers)
    {
        if (_failures.Count == 0)
        {
            return null;
        }

        var hosts = Hosts;
        var parts = _failures.GroupBy(f => f.Part).Select(g => g.Key + (g.Count() > 1 ? " (" + g.Count() + ")" : string.Empty));
        var asked = resolvers.Count == 0 ? "this machine's DNS resolvers (none is configured)" : "the DNS resolver" + (resolvers.Count > 1 ? "s " : " ") + string.Join(", ", resolvers.Select(r => r.Port == 53 ? r.Address.ToString() : StunServerAddress.FormatHostPort(r.Address.ToString(), r.Port)));
        return FindingCodes.DnsFailure.With(
            Words(hosts) + (hosts.Count > 1 ? " do" : " does") + " not resolve (" + _failures[0].Message.TrimEnd('.') + "), so these parts could not test them: " + string.Join(", ", parts) + ".",
            string.Join(", ", hosts),
            "Names did not resolve through " + asked + ": check that the resolver answers and that outbound DNS (UDP and TCP 53) to it is allowed, or use a resolver that resolves " + hosts[0] + ".");
    }

    private static string HostOf(IceServerReport server) =>
        IceServerUri.TryParse(server.Server, out var stun, out var turn, out _) ? stun?.Host ?? turn!.Host : server.Server;

    private static string Words(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];

    private void AddAll<T>(string part, IEnumerable<T> results, Func<T, bool> failed, Func<T, string> host, Func<T, string> message)
    {
        foreach (var result in results.Where(failed))
        {
            _failures.Add((host(result), part, message(result)));
        }
    }
}
