using System.Net;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Stun;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Ice;

/// <summary>What a gathering saw, as the findings read it.</summary>
internal sealed class IceGatheringFacts
{
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = Array.Empty<IceCandidate>();

    public IReadOnlyList<IceServerReport> Servers { get; init; } = Array.Empty<IceServerReport>();

    public bool TimedOut { get; init; }

    public AddressFamilyPreference Family { get; init; }

    /// <summary>Bases whose srflx candidates differ by server: the NAT maps each destination anew.</summary>
    public IReadOnlyList<(IPEndPoint Base, IReadOnlyList<IPEndPoint> Mapped)> VaryingMappings { get; init; } = Array.Empty<(IPEndPoint, IReadOnlyList<IPEndPoint>)>();

    public IEnumerable<IceCandidate> OfType(IceCandidateType type) => Candidates.Where(c => c.Kind == type);
}

/// <summary>
/// The ICE findings, one rule per code, read in this order: each rule looks at the facts of one
/// gathering and gives zero or more findings (per server or per interface where the code is).
/// </summary>
internal static class IceFindings
{
    private static readonly Func<IceGatheringFacts, IEnumerable<Finding>>[] Rules =
    {
        NoCandidates, OnlyHost, TurnRequired, UdpBlocked, GatheringTimeout, ServerFailures,
        MultipleInterfaces, VpnDetected, ContainerBridge, Cgnat, NoIpv6,
    };

    /// <summary>Every finding the facts give.</summary>
    public static IReadOnlyList<Finding> For(IceGatheringFacts facts) => Rules.SelectMany(rule => rule(facts)).ToList();

    private static IEnumerable<Finding> NoCandidates(IceGatheringFacts f)
    {
        if (f.Candidates.Count == 0)
        {
            yield return FindingCodes.IceNoCandidates.With("No candidate was gathered: no interface is up with an address a call could use" + (f.Family == AddressFamilyPreference.Any ? "." : " (only " + f.Family + " was asked for)."));
        }
    }

    private static IEnumerable<Finding> OnlyHost(IceGatheringFacts f)
    {
        if (f.Candidates.Count > 0 && f.Servers.Count > 0 && f.Candidates.All(c => c.Kind == IceCandidateType.Host))
        {
            yield return FindingCodes.IceOnlyHostCandidates.With("Only host candidates: no STUN server gave a srflx candidate and no TURN server a relay candidate (" + f.Servers.Count + " server(s) tried). Peers outside this network cannot reach this machine.");
        }
    }

    private static IEnumerable<Finding> TurnRequired(IceGatheringFacts f)
    {
        if (!f.OfType(IceCandidateType.Relay).Any())
        {
            yield break;
        }

        if (!f.OfType(IceCandidateType.Srflx).Any())
        {
            yield return FindingCodes.IceTurnRequired.With("Only relay candidates reach outside: no STUN server gave a srflx candidate, so media must go through TURN (" + string.Join(", ", f.OfType(IceCandidateType.Relay).Select(c => c.RelayProtocol).Distinct()) + ").");
        }
        else if (f.VaryingMappings.Count > 0)
        {
            var (baseEndPoint, mapped) = f.VaryingMappings[0];
            yield return FindingCodes.IceTurnRequired.With("The NAT maps every destination to a new port (from " + Format(baseEndPoint) + " the STUN servers saw " + string.Join(" and ", mapped.Select(Format)) + "): peers cannot reach the srflx candidates, so media must go through TURN.", Format(baseEndPoint));
        }
    }

    private static IEnumerable<Finding> UdpBlocked(IceGatheringFacts f)
    {
        var relays = f.OfType(IceCandidateType.Relay).ToList();
        var udpServers = f.Servers.Where(s => s.Transport == TransportProtocol.Udp).ToList();
        if (relays.Count > 0 && relays.All(c => c.RelayTransport != TransportProtocol.Udp) && !f.OfType(IceCandidateType.Srflx).Any()
            && udpServers.Count > 0 && udpServers.All(s => s.Answers == 0))
        {
            yield return FindingCodes.IceUdpBlocked.With("UDP is blocked: " + udpServers.Count + " UDP server(s) gave nothing, while TURN over " + string.Join(" and ", relays.Select(c => c.RelayProtocol.ToUpperInvariant()).Distinct()) + " gave relay candidates. Media would go over TCP.");
        }
    }

    private static IEnumerable<Finding> GatheringTimeout(IceGatheringFacts f)
    {
        if (f.TimedOut)
        {
            var silent = f.Servers.Where(s => s.Failures.Any(e => e.Reason == FailureReason.Timeout)).Select(s => s.Server).ToList();
            yield return FindingCodes.IceGatheringTimeout.With("Gathering did not complete within the timeout: " + string.Join(", ", silent) + " did not answer from every interface.");
        }
    }

    private static IEnumerable<Finding> ServerFailures(IceGatheringFacts f)
    {
        foreach (var server in f.Servers.Where(s => s.Candidates == 0 && s.Answers == 0 && f.OfType(IceCandidateType.Host).Any()))
        {
            if (server.Failures.Any(e => e.Reason != FailureReason.Timeout))
            {
                var failure = server.Failures.First(e => e.Reason != FailureReason.Timeout);
                yield return FindingCodes.IceServerFailed.With(server.Server + " failed (" + failure.Reason + "): " + failure.Message, server.Server);
            }
            else
            {
                yield return FindingCodes.IceServerNoCandidates.With(server.Server + " gave no candidate: " + (server.NoBaseOfItsFamily && server.Failures.Count == 0 ? "no interface has an address of its family." : "nothing came back from it" + (server.Failures.Count > 0 ? " (" + server.Failures.Count + " interface(s) timed out)." : ".")), server.Server);
            }
        }
    }

    private static IEnumerable<Finding> MultipleInterfaces(IceGatheringFacts f)
    {
        var hosts = f.OfType(IceCandidateType.Host).ToList();
        if (hosts.Count >= 2)
        {
            yield return FindingCodes.IceMultipleInterfaces.With(hosts.Count + " host addresses on " + string.Join(", ", hosts.Select(h => h.Interface).Distinct()) + ": " + string.Join(", ", hosts.Select(h => h.Address)) + ".");
        }
    }

    private static IEnumerable<Finding> VpnDetected(IceGatheringFacts f) =>
        PerInterface(f, AdapterKind.Vpn, (name, c) => FindingCodes.IceVpnDetected.With("Interface " + name + " is a VPN (" + c.AdapterRule + "); its host candidate is " + c.Address + ".", name));

    private static IEnumerable<Finding> ContainerBridge(IceGatheringFacts f) =>
        PerInterface(f, AdapterKind.ContainerBridge, (name, c) => FindingCodes.IceContainerBridge.With("Interface " + name + " is a container bridge (" + c.AdapterRule + "); its host candidate " + c.Address + " is not reachable from outside this machine.", name));

    private static IEnumerable<Finding> Cgnat(IceGatheringFacts f) =>
        f.Candidates.Where(c => c.AddressClassValue == AddressClass.Cgnat && c.AdapterKindValue != AdapterKind.Vpn && c.Kind != IceCandidateType.Relay)
            .GroupBy(c => c.Address)
            .Select(g => g.First())
            .Select(c => FindingCodes.IceCgnat.With(c.Kind == IceCandidateType.Host
                ? "Interface " + c.Interface + " has the shared address " + c.Address + " (100.64.0.0/10, RFC 6598): a carrier-grade NAT is upstream."
                : c.Server + " saw this machine as " + c.Address + ", a shared address (100.64.0.0/10, RFC 6598): this network's NAT sits behind a carrier-grade NAT.", c.Address));

    private static IEnumerable<Finding> NoIpv6(IceGatheringFacts f)
    {
        if (f.Family != AddressFamilyPreference.IPv4 && f.Candidates.Count > 0
            && !f.OfType(IceCandidateType.Host).Any(c => AddressClassification.IsIPv6(IPAddress.Parse(c.Address)) && (c.AddressClassValue == AddressClass.Global || c.AddressClassValue == AddressClass.Ula)))
        {
            yield return FindingCodes.IceNoIpv6.With("No interface has a global or unique-local IPv6 address: calls can use IPv4 only.");
        }
    }

    private static IEnumerable<Finding> PerInterface(IceGatheringFacts f, AdapterKind kind, Func<string, IceCandidate, Finding> make) =>
        f.OfType(IceCandidateType.Host).Where(c => c.AdapterKindValue == kind).GroupBy(c => c.Interface).Select(g => make(g.Key, g.First()));

    private static string Format(IPEndPoint endPoint) => StunServerAddress.FormatHostPort(endPoint.Address.ToString(), endPoint.Port);
}
