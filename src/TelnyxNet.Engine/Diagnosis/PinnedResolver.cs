using System.Net;
using TelnyxNet.Engine.Dns;

namespace TelnyxNet.Engine.Diagnosis;

/// <summary>
/// A resolver that answers one name with the one address already tested (the readiness check's
/// best relay, so that the media path goes through exactly that address), and asks the resolver it
/// wraps for every other name.
/// </summary>
internal sealed class PinnedResolver : IHostResolver
{
    private readonly string _host;
    private readonly IPAddress _address;
    private readonly IHostResolver _inner;

    public PinnedResolver(string host, IPAddress address, IHostResolver inner)
    {
        _host = host;
        _address = address;
        _inner = inner;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        string.Equals(host, _host, StringComparison.OrdinalIgnoreCase) ? Task.FromResult(new[] { _address }) : _inner.ResolveAsync(host, cancellationToken);
}
