using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Diagnosis;
using TelnyxNet.Engine.Transport;

namespace TelnyxNet.Engine.Dns;

/// <summary>Resolution with a bound, a family filter and failures classified as <see cref="FailureReason.DnsFailure"/>.</summary>
internal static class HostResolution
{
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(IHostResolver resolver, string host, AddressFamilyPreference family, TimeSpan timeout, IClock clock, IEngineLog log, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return Filter(new[] { literal }, family, host);
        }

        log.Verbose("Resolving " + host + ".");
        IPAddress[] addresses;
        try
        {
            addresses = await Deadline.RunAsync(resolver.ResolveAsync(host, cancellationToken), timeout, clock, () => { }, "DNS resolution of " + host, cancellationToken).ConfigureAwait(false);
        }
        catch (ProbeException ex) when (ex.Reason == FailureReason.Timeout)
        {
            throw new ProbeException(FailureReason.DnsFailure, "DNS resolution of " + host + " did not finish in time; the DNS server is unreachable or slow.", ex);
        }
        catch (SocketException ex)
        {
            var detail = ex.SocketErrorCode switch
            {
                SocketError.HostNotFound => "no such host",
                SocketError.TryAgain => "the DNS server did not answer (temporary failure)",
                SocketError.NoData => "the name has no address records",
                _ => ex.SocketErrorCode + ": " + ex.Message,
            };
            throw new ProbeException(FailureReason.DnsFailure, "DNS resolution of " + host + " failed: " + detail + ".", ex);
        }

        log.Verbose(host + " resolved to " + string.Join(", ", addresses.Select(a => a.ToString())) + ".");
        return Filter(addresses, family, host);
    }

    private static IReadOnlyList<IPAddress> Filter(IEnumerable<IPAddress> addresses, AddressFamilyPreference family, string host)
    {
        var kept = addresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Where(a => family switch
            {
                AddressFamilyPreference.IPv4 => a.AddressFamily == AddressFamily.InterNetwork,
                AddressFamilyPreference.IPv6 => a.AddressFamily == AddressFamily.InterNetworkV6,
                _ => true,
            })
            .Distinct()
            .ToList();
        if (kept.Count == 0)
        {
            throw new ProbeException(FailureReason.DnsFailure, host + " has no " + (family == AddressFamilyPreference.IPv6 ? "IPv6" : family == AddressFamilyPreference.IPv4 ? "IPv4" : "usable") + " address.");
        }

        return kept;
    }
}
