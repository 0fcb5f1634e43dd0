using System.Net;
using System.Net.Sockets;
using TelnyxNet.Engine.Dns;
using TelnyxNet.Engine.Probes;

namespace TelnyxNet.Engine.Sip;

/// <summary>
/// The STUN server of the SIP ALG check (<see cref="SipOptionsOptions.StunServer"/>), found once per
/// test with the probe's own DNS client (A/AAAA) and shared by every UDP request of the test; each
/// request asks it from its own socket (<see cref="SipStunCheck"/>).
/// </summary>
internal sealed class StunWitness
{
    private readonly SipOptionsOptions _options;
    private readonly DnsClient _dns;
    private readonly Random _random;
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private Task<SipResolution>? _resolution;

    public StunWitness(SipOptionsOptions options, DnsClient dns, Random random, CancellationToken cancellationToken)
    {
        _options = options;
        _dns = dns;
        _random = random;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The server as given (host:port), for messages.</summary>
    public string Name => _options.StunServer is { } server ? HostPortSyntax.Format(server.Host, server.Port) : string.Empty;

    /// <summary>An address of the server in <paramref name="family"/>, or null and why not.</summary>
    public async Task<(IPEndPoint? Server, string Why)> AddressAsync(AddressFamily family, TimeSpan deadline)
    {
        var server = _options.StunServer ?? throw new InvalidOperationException("No STUN server to ask.");
        Task<SipResolution> resolution;
        lock (_gate)
        {
            resolution = _resolution ??= ResolveAsync(server.Host, server.Port, deadline);
        }

        var found = await resolution.ConfigureAwait(false);
        var address = found.Targets.Select(t => t.Address).FirstOrDefault(a => a.AddressFamily == family);
        if (address != null)
        {
            return (new IPEndPoint(address, server.Port), string.Empty);
        }

        var failure = found.Failures.FirstOrDefault();
        return (null, failure != null
            ? "the STUN server " + Name + " was not found (" + failure.Message.TrimEnd('.') + ")."
            : "the STUN server " + Name + " has no " + (family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4") + " address, the family of this request.");
    }

    private Task<SipResolution> ResolveAsync(string host, int port, TimeSpan deadline)
    {
        if (!SipServerAddress.TryParse(HostPortSyntax.Format(host, port) + ";transport=udp", out var address, out var error))
        {
            throw new ArgumentException(error, nameof(host));
        }

        return SipTargetResolver.ResolveAsync(address!, new[] { Transport.TransportProtocol.Udp }, _dns, AddressFamilyPreference.Any, _random, deadline, _cancellationToken);
    }
}
