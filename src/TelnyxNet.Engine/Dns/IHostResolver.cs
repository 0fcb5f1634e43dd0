using System.Net;

namespace TelnyxNet.Engine.Dns;

/// <summary>Resolves a host name to addresses; tests substitute a scripted resolver.</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The operating system's resolver (hosts file, DNS, whatever the machine is configured with).</summary>
public sealed class SystemHostResolver : IHostResolver
{
    /// <summary>The shared instance.</summary>
    public static readonly SystemHostResolver Instance = new();

    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        System.Net.Dns.GetHostAddressesAsync(host);
}
